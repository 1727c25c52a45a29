import type { Provider } from '@nestjs/common';
import { InMemoryRateLimitStore } from '../stores/in-memory-rate-limit.store';
import { InMemoryResponseCacheStore } from '../stores/in-memory-response-cache.store';
import { RateLimitStore } from '../stores/rate-limit.store';
import { ResponseCacheStore } from '../stores/response-cache.store';
import { CostTracker } from './cost-tracker.service';

/**
 * What `ConduitModule` provides for the built-in interceptors registered as classes: one
 * `CostTracker` (inject it to read the figures) and the in-memory default stores behind the
 * `ResponseCacheStore` and `RateLimitStore` tokens. For Redis, give the interceptor its store
 * (`new ResponseCacheInterceptor({ store: new RedisResponseCacheStore({ client }) })`).
 */
export const CONDUIT_INTERCEPTOR_PROVIDERS: Provider[] = [
  CostTracker,
  { provide: ResponseCacheStore, useClass: InMemoryResponseCacheStore },
  { provide: RateLimitStore, useClass: InMemoryRateLimitStore },
];

/** The tokens of `CONDUIT_INTERCEPTOR_PROVIDERS` that `ConduitModule` exports. */
export const CONDUIT_INTERCEPTOR_EXPORTS = [CostTracker, ResponseCacheStore, RateLimitStore];
