import type { CallAbort } from '../core/call-abort';
import { TimeoutError } from '../core/errors/timeout.error';

/** The cancellation of one call (caller's signal + timeout) and how to release it. */
export interface CallSignal extends CallAbort {
  /** Aborts the call with `reason` (used when a stream is unsubscribed); later calls do nothing. */
  abort(reason: unknown): void;
  /** Clears the timer and detaches from the caller's signal. Call it when the call settles. */
  dispose(): void;
}

type Listener = (reason: unknown) => void;

/** What a call can be cancelled by: an AbortSignal, or a CallAbort (no AbortSignal needed). */
export type Cancellation = AbortSignal | CallAbort;

/**
 * Calls `listener` once when `cancellation` aborts; returns the function that detaches it. Check
 * `cancellation.aborted` first: an abort that already happened is not reported.
 */
export function onCancel(cancellation: Cancellation, listener: Listener): () => void {
  if (cancellation instanceof AbortSignal) {
    const onAbort = (): void => listener(cancellation.reason);
    cancellation.addEventListener('abort', onAbort, { once: true });
    return () => cancellation.removeEventListener('abort', onAbort);
  }
  cancellation.addListener(listener);
  return () => cancellation.removeListener(listener);
}

/**
 * Sends `request` through `send`, cancelled by `cancellation`: a model that declares
 * `supportsCallAbort` gets a CallAbort as the second argument and no `request.signal`; any other
 * model, or any call whose cancellation is an AbortSignal (an interceptor narrowed it), gets the
 * request with `signal`, the AbortSignal being made here when needed.
 */
export function sendCancellable<R extends { readonly signal?: AbortSignal }, T>(
  model: { readonly supportsCallAbort?: boolean },
  request: R,
  cancellation: Cancellation,
  send: (request: R, abort?: CallAbort) => T,
): T {
  if (cancellation instanceof AbortSignal) return send({ ...request, signal: cancellation });
  return model.supportsCallAbort === true
    ? send(request, cancellation)
    : send({ ...request, signal: cancellation.signal });
}

/**
 * One timer and at most one listener on the caller's signal: the whole per-call cancellation
 * cost. The AbortController is made only when someone reads `signal` (an interceptor, a model that
 * does not know CallAbort); the providers of this library listen through `addListener` instead. The
 * object is its own listener on the caller's signal (`handleEvent`) and the timer gets it as an
 * argument, so no closure is allocated per call.
 */
class TimedCallSignal implements CallSignal {
  private controller: AbortController | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private listeners: Listener[] | undefined;
  private abortReason: unknown;
  private isAborted = false;
  /** Detaches from a parent CallAbort (an AbortSignal parent has `this` as its listener). */
  private detachParent: (() => void) | undefined;

  constructor(
    private readonly parent: Cancellation | undefined,
    timeoutMs: number,
  ) {
    if (parent?.aborted === true) {
      this.isAborted = true;
      this.abortReason = parent.reason;
      return;
    }
    if (parent instanceof AbortSignal) parent.addEventListener('abort', this, { once: true });
    else if (parent !== undefined)
      this.detachParent = onCancel(parent, (reason) => this.abort(reason));
    if (timeoutMs > 0) this.timer = setTimeout(onTimeout, timeoutMs, this, timeoutMs);
  }

  get aborted(): boolean {
    return this.isAborted;
  }

  get reason(): unknown {
    return this.abortReason;
  }

  get signal(): AbortSignal {
    if (this.controller === undefined) {
      this.controller = new AbortController();
      if (this.isAborted) this.controller.abort(this.abortReason);
    }
    return this.controller.signal;
  }

  /** The parent signal aborted (EventListener object protocol). */
  handleEvent(): void {
    this.abort(this.parent?.reason);
  }

  abort(reason: unknown): void {
    if (this.isAborted) return;
    this.isAborted = true;
    this.abortReason = reason;
    this.controller?.abort(reason);
    const listeners = this.listeners;
    this.listeners = undefined;
    if (listeners !== undefined) for (const listener of listeners) listener(reason);
  }

  addListener(listener: Listener): void {
    if (this.isAborted) return;
    (this.listeners ??= []).push(listener);
  }

  removeListener(listener: Listener): void {
    const at = this.listeners?.indexOf(listener) ?? -1;
    if (at !== -1) this.listeners!.splice(at, 1);
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (this.parent instanceof AbortSignal) this.parent.removeEventListener('abort', this);
    else this.detachParent?.();
  }
}

function onTimeout(call: TimedCallSignal, timeoutMs: number): void {
  call.abort(new TimeoutError(timeoutMs));
}

/**
 * Combines a parent cancellation (the caller's signal, or the call an attempt belongs to) with a
 * `timeoutMs` timer (`0` = none) into one. Listeners are removed on `dispose()` rather than using
 * `AbortSignal.any`, so a long-lived caller signal does not collect one dependent signal per call.
 */
export function createCallSignal(parent: Cancellation | undefined, timeoutMs: number): CallSignal {
  return new TimedCallSignal(parent, timeoutMs);
}
