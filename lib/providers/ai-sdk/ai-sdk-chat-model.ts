import { Observable } from 'rxjs';
import {
  findModelInfo,
  hideSecrets,
  InvalidResponseError,
  type ChatModel,
  type ChatRequest,
  type ChatResponse,
  type ModelInfo,
  type StreamEvent,
} from '../../core';
import { abortError } from '../shared/transport-error';
import { toAiSdkCallOptions } from './ai-sdk-call-options';
import type { AiSdkLanguageModel, FromAiSdkOptions } from './ai-sdk-model.types';
import { checkAiSdkModel, defaultProviderName } from './check-ai-sdk-model';
import type {
  AiSdkGenerateResult,
  AiSdkStreamPart,
  LanguageModelV3,
  LanguageModelV3CallOptions,
} from './ai-sdk-spec.types';
import { AiSdkStreamState } from './ai-sdk-stream-state';
import { mapAiSdkError } from './map-ai-sdk-error';
import { mapAiSdkResponse } from './map-ai-sdk-response';

/**
 * A model of any AI SDK provider package (spec V2 or V3) as our `ChatModel`: requests become the
 * spec's call options, `doGenerate` / `doStream` results become our responses and events, and
 * whatever the model throws becomes a typed `ConduitError`. The HTTP traffic is the AI SDK
 * provider's own (its fetch, its retries off: ours run around it). Build it with `fromAiSdk`.
 */
export class AiSdkChatModel implements ChatModel {
  readonly specificationVersion = 'v1' as const;
  private readonly modelInfo: ModelInfo;
  private readonly version: 'v2' | 'v3';

  constructor(
    private readonly model: AiSdkLanguageModel,
    options: FromAiSdkOptions = {},
  ) {
    this.version = checkAiSdkModel(model, ['doGenerate', 'doStream'], 'fromAiSdk');
    const provider = options.provider ?? defaultProviderName(model.provider);
    this.modelInfo = findModelInfo(provider, model.modelId, options.capabilities).info;
    // The AI SDK model holds its provider's settings (the key among them): keep it out of logs.
    hideSecrets(this, 'model');
  }

  /** Provider (the AI SDK provider id up to its first dot, or `options.provider`), model id, capabilities. */
  info(): ModelInfo {
    return this.modelInfo;
  }

  /** The whole answer through the model's `doGenerate`; rejects with a `ConduitError` subclass. */
  async chat(request: ChatRequest): Promise<ChatResponse> {
    const signal = request.signal;
    if (signal?.aborted === true) throw abortError(signal);
    let result: AiSdkGenerateResult;
    try {
      result = await this.spec().doGenerate(this.options(request, signal));
    } catch (error) {
      throw mapAiSdkError(error, this.modelInfo.provider, signal);
    }
    return mapAiSdkResponse(result, this.model.modelId);
  }

  /**
   * The answer as a cold stream through the model's `doStream`: called on subscribe, cancelled
   * (its abort signal fired and its stream cancelled) on unsubscribe or when `request.signal`
   * aborts. An `error` part fails the stream with the mapped error.
   */
  stream(request: ChatRequest): Observable<StreamEvent> {
    return new Observable<StreamEvent>((subscriber) => {
      const outer = request.signal;
      if (outer?.aborted === true) {
        subscriber.error(abortError(outer));
        return undefined;
      }
      const controller = new AbortController();
      const onAbort = (): void => controller.abort(outer?.reason);
      outer?.addEventListener('abort', onAbort, { once: true });
      let reader: ReadableStreamDefaultReader<AiSdkStreamPart> | undefined;
      let closed = false;
      const close = (): void => {
        closed = true;
        outer?.removeEventListener('abort', onAbort);
        if (!controller.signal.aborted) controller.abort();
        reader?.cancel().catch(() => undefined);
      };
      const run = async (): Promise<void> => {
        const started = (await this.spec().doStream(this.options(request, controller.signal))) as {
          readonly stream: ReadableStream<AiSdkStreamPart>;
        };
        reader = started.stream.getReader();
        if (closed) return;
        const state = new AiSdkStreamState(this.model.modelId);
        for (;;) {
          const read = await reader.read();
          if (read.done) break;
          const step = state.next(read.value);
          for (const event of step.events) subscriber.next(event);
          if ('error' in step) throw step.error;
        }
        if (!state.isFinished) {
          throw new InvalidResponseError(
            `${this.modelInfo.provider} ended the stream without a finish part`,
            { provider: this.modelInfo.provider },
          );
        }
      };
      run().then(
        () => {
          if (!closed) subscriber.complete();
          close();
        },
        (error: unknown) => {
          if (!closed) subscriber.error(mapAiSdkError(error, this.modelInfo.provider, outer));
          close();
        },
      );
      return close;
    });
  }

  /**
   * The model typed as spec V3: what the adapter sends is valid in V2 as well (see
   * `toAiSdkCallOptions`), and what comes back is read through the types of both versions.
   */
  private spec(): LanguageModelV3 {
    return this.model as unknown as LanguageModelV3;
  }

  private options(
    request: ChatRequest,
    signal: AbortSignal | undefined,
  ): LanguageModelV3CallOptions {
    return toAiSdkCallOptions(request, this.version, signal);
  }
}
