import { Injectable } from '@nestjs/common';
import { AbortedError } from '../core/errors/aborted.error';

/** A call `InFlightCalls` can abort: `ChatService`'s per-call signal has this shape. */
export interface AbortableCall {
  abort(reason: unknown): void;
}

/**
 * The calls one application's `ChatService` has running, so that its shutdown drains or aborts
 * exactly those (the HTTP pools are shared by every Conduit application of the process, so they
 * cannot tell whose request is whose). Once shutdown has begun, new calls are refused with
 * `AbortedError` instead of opening a socket after `app.close()` resolved.
 */
@Injectable()
export class InFlightCalls {
  private readonly calls = new Set<AbortableCall>();
  private idleWaiters: (() => void)[] = [];
  private closingReason: AbortedError | undefined;

  /** How many calls are running. */
  get size(): number {
    return this.calls.size;
  }

  /**
   * Counts `call` as running until the returned function is called (once, when it settles).
   * Throws the shutdown's `AbortedError` once shutdown has begun.
   */
  add(call: AbortableCall): () => void {
    if (this.closingReason !== undefined) throw this.closingReason;
    this.calls.add(call);
    return () => this.delete(call);
  }

  /** From now on `add` refuses new calls. */
  close(): void {
    this.closingReason ??= new AbortedError(
      'The application is shutting down; no new model calls are accepted.',
    );
  }

  /** Resolves when no call runs, or after `timeoutMs`; resolves at once when none runs. */
  async whenIdle(timeoutMs: number): Promise<void> {
    if (this.calls.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      new Promise<void>((resolve) => this.idleWaiters.push(resolve)),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs))),
    ]);
    clearTimeout(timer);
  }

  /** Aborts every running call with `reason`. */
  abortAll(reason: Error): void {
    for (const call of [...this.calls]) call.abort(reason);
  }

  private delete(call: AbortableCall): void {
    if (!this.calls.delete(call) || this.calls.size > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
