import { Observable, type Subscription } from 'rxjs';
import type { CallAbort } from '../../core/call-abort';
import type { ChatModel } from '../../core/chat-model.interface';
import type { ChatRequest } from '../../core/chat-options.types';
import type { ChatResponse, ProviderMetadata } from '../../core/chat-response.types';
import type { ModelInfo } from '../../core/model-info.types';
import type { StreamEvent } from '../../core/stream-event.types';
import { DeploymentPicker } from './deployment-picker';
import type { DeploymentStrategy } from './deployment-strategy';
import { moveOnCooldownMs } from './move-on-cooldown';

/** One deployment of a pool: its model and the name logs and cost records show (never a key). */
export interface PoolDeployment {
  readonly name: string;
  readonly model: ChatModel;
  /** Share of the calls under the `weighted` strategy (default 1). */
  readonly weight?: number | undefined;
}

/** Options of `new DeploymentPoolChatModel(...)`. */
export interface DeploymentPoolOptions {
  readonly deployments: readonly PoolDeployment[];
  /** Default `round-robin`. */
  readonly strategy?: DeploymentStrategy | undefined;
  /** The clock of the cool-downs (tests). Default `Date.now`. */
  readonly now?: (() => number) | undefined;
}

/**
 * Several deployments of one model behind one alias: keys of one account, accounts, regions, or
 * servers of a self-hosted model. Each call goes to the deployment the strategy picks; when that
 * one answers 429 (or a quota, key, 5xx or connection error) the SAME call moves to the next
 * deployment at once, without sleeping, and the failing one cools down (a 429 for its
 * `Retry-After`) so that the next calls start elsewhere. When every deployment failed, the last
 * error surfaces, and the alias's retry (which does wait) takes over.
 *
 * A stream moves on only before its first event: after that the caller holds part of an answer.
 * The answer names its deployment in `providerMetadata.conduit.deployment` (the `finish` event's
 * for streams), which the logging and cost interceptors report; keys are never part of a name.
 *
 * Built by `ConduitModule` from `models.alias = { deployments: [...], strategy }`, or by hand
 * around any `ChatModel`s.
 */
export class DeploymentPoolChatModel implements ChatModel {
  readonly specificationVersion = 'v1' as const;
  /** Passes the call's CallAbort on (each deployment takes it, or reads its signal). */
  readonly supportsCallAbort = true;
  private readonly deployments: readonly PoolDeployment[];
  private readonly picker: DeploymentPicker;

  constructor(options: DeploymentPoolOptions) {
    if (options.deployments.length === 0) {
      throw new TypeError('DeploymentPoolChatModel needs at least one deployment.');
    }
    this.deployments = options.deployments;
    this.picker = new DeploymentPicker(
      options.strategy ?? 'round-robin',
      options.deployments.map((d) => d.weight ?? 1),
      options.now,
    );
  }

  /** The first deployment's description: the deployments of a pool serve the same model. */
  info(): ModelInfo {
    return this.deployments[0].model.info();
  }

  /** The deployments' names, in list order. */
  names(): readonly string[] {
    return this.deployments.map((d) => d.name);
  }

  /** Calls in flight on each deployment, in list order. */
  busy(): readonly number[] {
    return this.picker.busy();
  }

  /** Sends `request` to the picked deployment, moving on as the class describes. */
  async chat(request: ChatRequest, abort?: CallAbort): Promise<ChatResponse> {
    const order = this.picker.order();
    for (let step = 0; ; step++) {
      const index = order[step];
      const deployment = this.deployments[index];
      this.picker.started(index);
      try {
        const response = await send(deployment.model, request, abort, (r, a) =>
          deployment.model.chat(r, a),
        );
        return { ...response, providerMetadata: named(response.providerMetadata, deployment) };
      } catch (error: unknown) {
        if (!this.movesOn(error, index, abort) || step === order.length - 1) throw error;
      } finally {
        this.picker.ended(index);
      }
    }
  }

  /** Streams from the picked deployment; moves on only while nothing was emitted. */
  stream(request: ChatRequest, abort?: CallAbort): Observable<StreamEvent> {
    return new Observable<StreamEvent>((subscriber) => {
      const order = this.picker.order();
      let step = 0;
      let subscription: Subscription | undefined;
      let active: number | undefined;
      let closed = false;
      const release = (): void => {
        if (active === undefined) return;
        this.picker.ended(active);
        active = undefined;
      };
      const attempt = (): void => {
        const index = order[step];
        const deployment = this.deployments[index];
        let emitted = false;
        active = index;
        this.picker.started(index);
        subscription = send(deployment.model, request, abort, (r, a) =>
          deployment.model.stream(r, a),
        ).subscribe({
          next: (event) => {
            emitted = true;
            subscriber.next(
              event.type === 'finish'
                ? { ...event, providerMetadata: named(event.providerMetadata, deployment) }
                : event,
            );
          },
          error: (error: unknown) => {
            release();
            if (!emitted && this.movesOn(error, index, abort) && step < order.length - 1) {
              step++;
              if (!closed) attempt();
              return;
            }
            subscriber.error(error);
          },
          complete: () => {
            release();
            subscriber.complete();
          },
        });
      };
      attempt();
      return () => {
        closed = true;
        subscription?.unsubscribe();
        release();
      };
    });
  }

  /** Whether the call moves to the next deployment; cools the failing one down if so. */
  private movesOn(error: unknown, index: number, abort: CallAbort | undefined): boolean {
    if (abort?.aborted === true) return false;
    const cooldownMs = moveOnCooldownMs(error);
    if (cooldownMs === undefined) return false;
    this.picker.coolDown(index, cooldownMs);
    return true;
  }
}

/** The provider metadata with the deployment's name under `conduit.deployment`. */
function named(metadata: ProviderMetadata, deployment: PoolDeployment): ProviderMetadata {
  return { ...metadata, conduit: { ...metadata['conduit'], deployment: deployment.name } };
}

/**
 * Hands the call's cancellation to a deployment the way it takes it: the CallAbort itself, or its
 * AbortSignal as `request.signal` for a model that does not know CallAbort.
 */
function send<T>(
  model: ChatModel,
  request: ChatRequest,
  abort: CallAbort | undefined,
  call: (request: ChatRequest, abort?: CallAbort) => T,
): T {
  if (abort === undefined) return call(request);
  return model.supportsCallAbort === true
    ? call(request, abort)
    : call({ ...request, signal: abort.signal });
}
