import { AsyncLocalStorage } from 'node:async_hooks';
import type { ConduitInterceptor } from '../core/conduit-interceptor.interface';

const storage = new AsyncLocalStorage<readonly ConduitInterceptor[]>();

/**
 * Interceptors for every `ChatService` call made down an async call tree (the handling of one
 * request, say), on top of each call's own: how `@UseGuardrails()` on a controller route reaches
 * the calls its handler makes without a parameter threaded through every service in between.
 * Scopes nest: an inner scope adds to the outer one's interceptors.
 */
export class ChatCallScope {
  /** Runs `fn` with `interceptors` added to every chat call it makes (streams included). */
  static run<T>(interceptors: readonly ConduitInterceptor[], fn: () => T): T {
    const outer = storage.getStore();
    return storage.run(outer === undefined ? interceptors : [...outer, ...interceptors], fn);
  }

  /** The interceptors of the current scope, or `undefined` outside one. */
  static interceptors(): readonly ConduitInterceptor[] | undefined {
    return storage.getStore();
  }
}
