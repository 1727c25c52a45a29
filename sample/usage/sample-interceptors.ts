import {
  CostTrackingInterceptor,
  LoggingInterceptor,
  RetryInterceptor,
  TimeoutInterceptor,
  type ConduitInterceptor,
  type CostTracker,
  type ModelPrice,
} from 'nestjs-conduit';
import { LOCAL_DEMO_MODEL_ID } from '../local-demo-model';

/**
 * A made-up price for the local demo model, so `GET /usage` and the chat page show figures
 * offline. Real models are priced from the library's catalogue.
 */
export const LOCAL_DEMO_PRICE: ModelPrice = { inputPerMillion: 0.15, outputPerMillion: 0.6 };

const FREE: ModelPrice = { inputPerMillion: 0, outputPerMillion: 0 };

/**
 * The sample's global interceptors, outermost first: one log line per call, the cost of every
 * call in `costs`, up to 3 tries on retryable failures (429, 5xx, connection errors), and a
 * 60-second limit on each try.
 */
export function sampleInterceptors(costs: CostTracker): ConduitInterceptor[] {
  return [
    new LoggingInterceptor({ format: 'json' }),
    new CostTrackingInterceptor({
      tracker: costs,
      // The offline embedder runs on this machine: free, and priced so, not "unpriced".
      prices: { [LOCAL_DEMO_MODEL_ID]: LOCAL_DEMO_PRICE, 'conduit/hashed-ngrams-384': FREE },
    }),
    new RetryInterceptor({ maxAttempts: 3, initialDelayMs: 250 }),
    new TimeoutInterceptor({ timeoutMs: 60_000 }),
  ];
}
