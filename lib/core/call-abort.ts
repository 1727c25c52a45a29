/**
 * How a model hears that its call was cancelled, without an AbortSignal listener. ChatService
 * passes one as the second argument of `chat` / `stream` / `embed` to the models that declare
 * `supportsCallAbort` (and then leaves `request.signal` out): an AbortController, its signal and
 * one listener cost 4-14 µs of CPU a call, against about 30 µs for undici's whole round trip to a
 * nearby server, and most calls never abort. Every other model gets `request.signal` as before.
 */
export interface CallAbort {
  /** True once the call was aborted. */
  readonly aborted: boolean;
  /** Why (a `TimeoutError`, the caller's signal reason...); `undefined` before an abort. */
  readonly reason: unknown;
  /** The call's AbortSignal, created on first read and aborted together with the call. */
  readonly signal: AbortSignal;
  /** Calls `listener` once, synchronously, when the call aborts after this point. */
  addListener(listener: (reason: unknown) => void): void;
  /** Detaches a listener given to `addListener` (nothing happens when it is not attached). */
  removeListener(listener: (reason: unknown) => void): void;
}
