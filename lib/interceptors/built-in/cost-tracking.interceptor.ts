import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { Observable } from 'rxjs';
import type {
  CallHandler,
  CallOutput,
  ConduitCallContext,
  ConduitInterceptor,
  Usage,
} from '../../core';
import { countTextTokens, countTokens } from '../../tokens';
import { BudgetExceededError } from '../../core/errors/budget-exceeded.error';
import { COST_TRACKING_INTERCEPTOR_OPTIONS } from './built-in-options.tokens';
import { emptyOutcome, recordOutput, type CallOutcome } from './call-outcome';
import { computeCost, ZERO_COST } from './compute-cost';
import { ConduitMetadataKeys } from './conduit-metadata.keys';
import { watchCall, type CallEnding } from './watch-call';
import type { CostTrackingInterceptorOptions } from './cost-tracking-options.types';
import { CostTracker } from './cost-tracker.service';
import type { CostRecord, ModelPrice } from './cost.types';

/**
 * Records the cost of every chat, stream and embedding call in the `CostTracker`: usage times the
 * model's prices (the `prices` option, else the catalogue's `context.modelInfo.pricing`), per model
 * and per a key you choose (tenant, user). With `budgetUsd`, calls are refused with
 * `BudgetExceededError` once their key spent its budget.
 *
 * A stream cancelled or failed after it started is still counted: with the usage the provider
 * sent, or else estimated with `countTokens` (prompt) and the text received so far (answer),
 * flagged `estimated` and `aborted`. Answers from `ResponseCacheInterceptor` (registered inside
 * this one) are recorded at zero cost, flagged `cached`. The record is also left in
 * `context.metadata` under `ConduitMetadataKeys.cost`.
 *
 * Budgets are checked before a call with the figures of calls already finished, so calls running
 * at the same time can overshoot a budget by their own cost.
 *
 * Options (defaults): `prices` none, `key` none, `budgetUsd` none, `tracker` the injected
 * `CostTracker`, else a private one, `now` `Date.now`. A `tracker` option always wins. The class
 * given to `ConduitModule` (`interceptors: [CostTrackingInterceptor]`) is built by Nest, which
 * injects ConduitModule's `CostTracker` and the `COST_TRACKING_INTERCEPTOR_OPTIONS` the importing
 * module provides; an instance made with `new` has no injector, so without a `tracker` option it
 * records into a private tracker that `CostTracker` readers do not see.
 *
 * @example
 * interceptors: [CostTrackingInterceptor] // figures in the injected CostTracker
 * providers: [{ provide: COST_TRACKING_INTERCEPTOR_OPTIONS, useValue: { budgetUsd: 50 } }] // its options
 * interceptors: [new CostTrackingInterceptor({ tracker: costs, budgetUsd: 50 })] // a tracker of yours
 */
@Injectable()
export class CostTrackingInterceptor implements ConduitInterceptor {
  protected readonly logger = new Logger(CostTrackingInterceptor.name);
  protected readonly tracker: CostTracker;
  /** The clock (ms since the epoch); injectable for tests. */
  protected readonly now: () => number;
  private readonly unpricedWarned = new Set<string>();

  constructor(
    @Optional()
    @Inject(COST_TRACKING_INTERCEPTOR_OPTIONS)
    protected readonly options: CostTrackingInterceptorOptions = {},
    @Optional() tracker?: CostTracker,
  ) {
    this.tracker = options.tracker ?? tracker ?? new CostTracker();
    this.now = options.now ?? Date.now;
  }

  intercept(context: ConduitCallContext, next: CallHandler): Observable<CallOutput> {
    if (context.kind === 'tool') return next.handle();
    return watchCall(next, () => {
      const key = this.options.key?.(context);
      const budget = this.budgetOf(key);
      const spent = this.tracker.spentUsd(key);
      if (budget !== undefined && spent >= budget) {
        throw new BudgetExceededError({
          ...(key === undefined ? {} : { key }),
          spentUsd: spent,
          budgetUsd: budget,
        });
      }
      const outcome = emptyOutcome();
      return {
        value: (value) => recordOutput(context.kind, value, outcome),
        end: (ending) => this.settle(context, key, outcome, ending.outcome),
      };
    });
  }

  /** The price of the call's model: the `prices` option first, then the catalogue. */
  protected priceOf(context: ConduitCallContext): ModelPrice | undefined {
    const info = context.modelInfo;
    if (info === undefined) return undefined;
    const prices = this.options.prices ?? {};
    return prices[`${info.provider}/${info.modelId}`] ?? prices[info.modelId] ?? info.pricing;
  }

  private budgetOf(key: string | undefined): number | undefined {
    const budget = this.options.budgetUsd;
    return typeof budget === 'function' ? budget(key) : budget;
  }

  /** Records the call once it ended, however it ended. */
  private settle(
    context: ConduitCallContext,
    key: string | undefined,
    outcome: CallOutcome,
    ending: CallEnding['outcome'],
  ): void {
    const cached = context.metadata.get(ConduitMetadataKeys.cacheHit) === true;
    let usage = outcome.usage;
    let estimated = false;
    const aborted = ending !== 'complete';
    if (aborted) {
      // Nothing reached us: the provider refused or never answered; nothing to bill.
      if (context.kind !== 'stream' || outcome.values === 0) return;
      if (usage === undefined) {
        usage = this.estimateUsage(context, outcome);
        estimated = true;
      }
    }
    if (usage === undefined) return;
    const price = this.priceOf(context);
    const info = context.modelInfo;
    if (price === undefined && !cached) this.warnUnpriced(info?.modelId ?? context.alias);
    const fields = {
      alias: context.alias,
      provider: info?.provider ?? 'unknown',
      modelId: info?.modelId ?? 'unknown',
      usage,
      cost: cached || price === undefined ? ZERO_COST : computeCost(usage, price),
      estimated,
      aborted,
      cached,
      priced: price !== undefined,
      at: this.now(),
    };
    // `key` added last rather than spread in the middle: V8 builds such literals the slow way.
    let record: CostRecord = key === undefined ? fields : Object.assign(fields, { key });
    if (outcome.deployment !== undefined) {
      record = Object.assign(record, { deployment: outcome.deployment });
    }
    this.tracker.record(record);
    context.metadata.set(ConduitMetadataKeys.cost, record);
  }

  /** Usage of a stream that ended without reporting any: prompt counted, answer from the text received. */
  private estimateUsage(context: ConduitCallContext, outcome: CallOutcome): Usage {
    const model = context.modelInfo?.modelId;
    const options = model === undefined ? {} : { model };
    const request = context.kind === 'stream' ? context.request : undefined;
    const inputTokens =
      request === undefined ? 0 : countTokens(request.messages, request.tools, options);
    const outputTokens = countTextTokens(outcome.streamedText, options);
    return { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens };
  }

  private warnUnpriced(model: string): void {
    if (this.unpricedWarned.has(model)) return;
    this.unpricedWarned.add(model);
    this.logger.warn(
      `No price known for model '${model}': its calls are counted at $0. Pass prices: { '${model}': { inputPerMillion, outputPerMillion } }.`,
    );
  }
}
