import { Injectable } from '@nestjs/common';
import type { CostRecord, CostSummary } from './cost.types';

type MutableSummary = { -readonly [K in keyof CostSummary]: CostSummary[K] };

const emptySummary = (): MutableSummary => ({
  calls: 0,
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  costUsd: 0,
  estimatedCalls: 0,
  abortedCalls: 0,
  cachedCalls: 0,
  unpricedCalls: 0,
});

/** Most recent records kept for `recent()`. */
const RECENT_LIMIT = 1000;

/**
 * The running cost of the app's model calls, fed by `CostTrackingInterceptor` and queryable
 * anywhere by injecting it: totals, per model (`provider:modelId`), per user-chosen key (tenant,
 * user), or per key and model. In memory, per process; `reset()` starts over (a new billing
 * period). Negative or non-finite dollars and token counts in a record are counted as 0, so no
 * record can lower a total (and reopen a budget). `ConduitModule` provides one instance; inject it to read the figures.
 *
 * @example
 * constructor(private readonly costs: CostTracker) {}
 * this.costs.summary({ key: 'tenant-42' }).costUsd;
 */
@Injectable()
export class CostTracker {
  private readonly totals = emptySummary();
  private readonly perModel = new Map<string, MutableSummary>();
  private readonly perKey = new Map<string, MutableSummary>();
  private readonly perKeyModel = new Map<string, MutableSummary>();
  /** The last RECENT_LIMIT records, as a ring: `shift()` on a full array copies all of them. */
  private readonly latest: CostRecord[] = [];
  private latestStart = 0;

  /** Adds one call to every total it belongs to. */
  record(record: CostRecord): void {
    const model = `${record.provider}:${record.modelId}`;
    add(this.totals, record);
    add(bucket(this.perModel, model), record);
    if (record.key !== undefined) {
      add(bucket(this.perKey, record.key), record);
      add(bucket(this.perKeyModel, `${record.key}\u0000${model}`), record);
    }
    if (this.latest.length < RECENT_LIMIT) {
      this.latest.push(record);
    } else {
      this.latest[this.latestStart] = record;
      this.latestStart = (this.latestStart + 1) % RECENT_LIMIT;
    }
  }

  /**
   * Totals of all calls, or of the calls of one key and/or one model (`provider:modelId`).
   * Unknown key or model: zeros.
   */
  summary(filter: { readonly key?: string; readonly model?: string } = {}): CostSummary {
    const { key, model } = filter;
    const found =
      key !== undefined && model !== undefined
        ? this.perKeyModel.get(`${key}\u0000${model}`)
        : key !== undefined
          ? this.perKey.get(key)
          : model !== undefined
            ? this.perModel.get(model)
            : this.totals;
    return published(found ?? emptySummary());
  }

  /** US dollars spent by `key`, or by all calls when `key` is undefined. */
  spentUsd(key?: string): number {
    return (key === undefined ? this.totals : this.perKey.get(key))?.costUsd ?? 0;
  }

  /** Totals per model, keyed `provider:modelId`. */
  byModel(): Record<string, CostSummary> {
    return Object.fromEntries([...this.perModel].map(([k, v]) => [k, published(v)]));
  }

  /** Totals per user-chosen key (calls without a key are only in the overall totals). */
  byKey(): Record<string, CostSummary> {
    return Object.fromEntries([...this.perKey].map(([k, v]) => [k, published(v)]));
  }

  /** The last (up to 1000) records, oldest first. */
  recent(): readonly CostRecord[] {
    return [...this.latest.slice(this.latestStart), ...this.latest.slice(0, this.latestStart)];
  }

  /** Forgets every figure (for example at the start of a billing period). */
  reset(): void {
    Object.assign(this.totals, emptySummary());
    this.perModel.clear();
    this.perKey.clear();
    this.perKeyModel.clear();
    this.latest.length = 0;
    this.latestStart = 0;
  }
}

/**
 * A copy of a summary for callers, its dollars rounded to 1e-12: a sum of binary fractions
 * otherwise prints as `0.00030000000000000003`, and a millionth of a millionth of a dollar is
 * far below any price.
 */
function published(summary: MutableSummary): CostSummary {
  return { ...summary, costUsd: Math.round(summary.costUsd * 1e12) / 1e12 };
}

function bucket(map: Map<string, MutableSummary>, key: string): MutableSummary {
  let summary = map.get(key);
  if (summary === undefined) {
    summary = emptySummary();
    map.set(key, summary);
  }
  return summary;
}

/**
 * A figure fit to add to a running total: negative, NaN and infinite ones count as 0. One negative
 * record would otherwise lower `spentUsd` for good, and every budget checked against it.
 */
function amount(value: number | undefined): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : 0;
}

function add(summary: MutableSummary, record: CostRecord): void {
  summary.calls++;
  summary.costUsd += amount(record.cost.totalUsd);
  if (record.estimated) summary.estimatedCalls++;
  if (record.aborted) summary.abortedCalls++;
  if (record.cached) summary.cachedCalls++;
  if (!record.priced) summary.unpricedCalls++;
  if (record.cached) return;
  summary.inputTokens += amount(record.usage.inputTokens);
  summary.outputTokens += amount(record.usage.outputTokens);
  summary.cacheReadTokens += amount(record.usage.cacheReadTokens);
  summary.cacheWriteTokens += amount(record.usage.cacheWriteTokens);
  summary.reasoningTokens += amount(record.usage.reasoningTokens);
}
