import type { Observable } from 'rxjs';
import type { CallOutput, ConduitCallContext } from './call-context.types';

/** The rest of the chain. `handle()` runs it (and the model call at its end); call it again to retry. */
export interface ConduitCallHandler {
  /** Runs the rest of the chain; each call (subscription) is a new attempt. */
  handle(): Observable<CallOutput>;
}

/**
 * @deprecated Use `ConduitCallHandler`: this name collides with `CallHandler` of `@nestjs/common`
 * (Nest's interceptors), which files that use both must then rename on import.
 */
export type CallHandler = ConduitCallHandler;

/**
 * An around-advice on model and tool calls, in the spirit of Nest's `NestInterceptor`.
 * It may change `context.request` before calling `next.handle()`, map the response after it, answer
 * without calling it (early termination), catch or replace errors, or call `next.handle()` again
 * (retry). For `stream` calls the Observable carries every `StreamEvent`; for the other kinds it
 * emits one value.
 */
export interface ConduitInterceptor {
  /** Wraps one call: `next.handle()` is the rest of the chain and the model call. */
  intercept(context: ConduitCallContext, next: ConduitCallHandler): Observable<CallOutput>;
}
