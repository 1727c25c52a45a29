import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';

/** What the request context holds for one incoming request. */
export interface ConduitRequestStore {
  /** The framework's request object (Express `Request`, Fastify request, ...). */
  readonly request: unknown;
  /** Free slots for values the application wants to reach from tools (tenant, trace id...). */
  readonly values: Map<string, unknown>;
}

const storage = new AsyncLocalStorage<ConduitRequestStore>();

/**
 * The request being served, reachable from anywhere down its async call tree (tools included)
 * without making classes request-scoped. Install `ConduitRequestContextMiddleware` (HTTP, runs
 * before guards) or `ConduitRequestContextInterceptor` (any transport), or wrap work in
 * `ConduitRequestContext.run()`.
 *
 * Values are read lazily from the request, so `user` set by a guard after the middleware ran is
 * still visible.
 *
 * @example
 * ```ts
 * @Tool({ description: 'My open orders' })
 * myOrders() {
 *   const user = this.requestContext.user<{ id: string }>();
 *   return this.orders.openFor(user?.id);
 * }
 * ```
 */
@Injectable()
export class ConduitRequestContext {
  /** Runs `fn` with `request` as the current request. */
  static run<T>(request: unknown, fn: () => T): T {
    return storage.run({ request, values: new Map() }, fn);
  }

  /** The current store, or `undefined` outside a request. */
  static current(): ConduitRequestStore | undefined {
    return storage.getStore();
  }

  /** True inside a request. */
  get active(): boolean {
    return storage.getStore() !== undefined;
  }

  /** The current request object, or `undefined`. */
  request<T = unknown>(): T | undefined {
    return storage.getStore()?.request as T | undefined;
  }

  /** `request.user` (as set by Passport-style guards), or `undefined`. */
  user<T = unknown>(): T | undefined {
    const request = storage.getStore()?.request;
    if (typeof request !== 'object' || request === null) return undefined;
    return (request as { user?: unknown }).user as T | undefined;
  }

  /** A value stored with `set()` during this request. */
  get<T = unknown>(key: string): T | undefined {
    return storage.getStore()?.values.get(key) as T | undefined;
  }

  /** Stores a value for the rest of this request; ignored outside a request. */
  set(key: string, value: unknown): void {
    storage.getStore()?.values.set(key, value);
  }
}
