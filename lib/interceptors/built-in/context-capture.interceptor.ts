import { catchError, defer, throwError, type Observable } from 'rxjs';
import type {
  CallHandler,
  CallOutput,
  ChatRequest,
  ConduitCallContext,
  ConduitInterceptor,
  EmbedRequest,
} from '../../core';

/**
 * Records what reaches the model: every request as sent (after every other interceptor changed
 * it, without its signal) and every error the model raised. Placed innermost for one call by
 * `ChatService.chatWithContext`; one instance per call, never shared.
 */
export class ContextCaptureInterceptor implements ConduitInterceptor {
  /** One request per model call (retries included), in order. */
  readonly requests: (ChatRequest | EmbedRequest)[] = [];
  /** Errors the model calls failed with, in order. */
  readonly errors: unknown[] = [];

  intercept(context: ConduitCallContext, next: CallHandler): Observable<CallOutput> {
    return defer(() => {
      if (context.kind !== 'tool') {
        // A copy without the signal: the report is plain data, and the signal is long spent.
        const request: { signal?: AbortSignal } & (ChatRequest | EmbedRequest) = {
          ...context.request,
        };
        delete request.signal;
        this.requests.push(request);
      }
      return next.handle().pipe(
        catchError((error: unknown) => {
          this.errors.push(error);
          return throwError(() => error);
        }),
      );
    });
  }
}
