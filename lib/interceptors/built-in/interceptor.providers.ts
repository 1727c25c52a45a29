import type { Provider } from '@nestjs/common';
import { CostTracker } from './cost-tracker.service';

/**
 * What `ConduitModule` provides for the built-in interceptors: one `CostTracker` (inject it to read
 * the figures). It provides no `ResponseCacheStore` or `RateLimitStore`: an exported default would
 * compete with the store the app provides (Nest takes the first import exporting a token), so an
 * interceptor class finds only the app's store, and without one keeps a private in-memory store.
 */
export const CONDUIT_INTERCEPTOR_PROVIDERS: Provider[] = [CostTracker];

/** The tokens of `CONDUIT_INTERCEPTOR_PROVIDERS` that `ConduitModule` exports. */
export const CONDUIT_INTERCEPTOR_EXPORTS = [CostTracker];
