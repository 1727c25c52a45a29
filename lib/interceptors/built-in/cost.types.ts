import type { Usage } from '../../core';

/** Prices of one model in US dollars per million tokens. */
export interface ModelPrice {
  readonly inputPerMillion: number;
  readonly outputPerMillion: number;
  /** Input tokens read from the prompt cache. Default: the input price. */
  readonly cacheReadPerMillion?: number;
  /** Input tokens written to the prompt cache. Default: the input price. */
  readonly cacheWritePerMillion?: number;
  /** Hidden reasoning tokens. Default: the output price (how every provider bills them today). */
  readonly reasoningPerMillion?: number;
}

/** The cost of one call, in US dollars, by kind of token. */
export interface CostBreakdown {
  readonly inputUsd: number;
  readonly cacheReadUsd: number;
  readonly cacheWriteUsd: number;
  readonly outputUsd: number;
  readonly reasoningUsd: number;
  readonly totalUsd: number;
}

/** One call as `CostTracker` records it. */
export interface CostRecord {
  readonly alias: string;
  readonly provider: string;
  readonly modelId: string;
  /** The user-chosen key (tenant, user) the call was charged to, if any. */
  readonly key?: string;
  /** The deployment that answered, when the alias is a pool of deployments (never an API key). */
  readonly deployment?: string;
  readonly usage: Usage;
  readonly cost: CostBreakdown;
  /** Usage estimated with `countTokens` because the provider sent none (a cancelled stream). */
  readonly estimated: boolean;
  /** The call did not finish (cancelled or failed mid-stream); what was spent until then. */
  readonly aborted: boolean;
  /** Answered by `ResponseCacheInterceptor`: no tokens bought, cost 0. */
  readonly cached: boolean;
  /** False when no price was known for the model (cost counted as 0). */
  readonly priced: boolean;
  /** When the call ended (ms since the epoch). */
  readonly at: number;
}

/** Totals over a set of calls. */
export interface CostSummary {
  readonly calls: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cacheReadTokens: number;
  readonly cacheWriteTokens: number;
  readonly reasoningTokens: number;
  readonly costUsd: number;
  /** Calls whose usage was estimated. */
  readonly estimatedCalls: number;
  /** Calls that did not finish. */
  readonly abortedCalls: number;
  /** Calls answered from the response cache. */
  readonly cachedCalls: number;
  /** Calls of models without a known price. */
  readonly unpricedCalls: number;
}
