import type { CallAbort } from '../core/call-abort';
import type { ConduitCallContext } from '../core/call-context.types';
import type { ModelInfo } from '../core/model-info.types';

/**
 * The context of one model call (`chat`, `stream` or `embed`) as interceptors see it. Its
 * `signal` is the call's, made only when first read (by an interceptor, or for a model that
 * cancels through `request.signal`); like every context's it is writable, so a timeout
 * interceptor can narrow it for the inner part of the chain. A class rather than an object
 * literal with accessors: V8 builds those the slow way, on every call.
 */
export class ModelCallContext<K extends 'chat' | 'stream' | 'embed', R> {
  /** Shared along the chain: interceptors leave notes for each other and for the caller. */
  readonly metadata: Map<string, unknown>;
  private narrowed: AbortSignal | undefined;

  constructor(
    /** The kind of call. */
    readonly kind: K,
    /** The alias the call was made with. */
    readonly alias: string,
    /** Identity of the model serving the call. */
    readonly modelInfo: ModelInfo,
    metadata: Map<string, unknown> | undefined,
    /** The request the model will receive; interceptors may replace it. */
    public request: R,
    private readonly call: CallAbort,
  ) {
    this.metadata = metadata ?? new Map<string, unknown>();
  }

  /** The innermost signal set by an interceptor, else the call's own. */
  get signal(): AbortSignal {
    return this.narrowed ?? this.call.signal;
  }

  set signal(signal: AbortSignal) {
    this.narrowed = signal;
  }

  /** What `signal` stands for, without making the call's AbortSignal when nobody narrowed it. */
  get cancellation(): AbortSignal | CallAbort {
    return this.narrowed ?? this.call;
  }
}

/** A context's cancellation, without making the call's AbortSignal when nobody narrowed it. */
export function cancellationOf(context: ConduitCallContext): AbortSignal | CallAbort {
  return context instanceof ModelCallContext ? context.cancellation : context.signal;
}
