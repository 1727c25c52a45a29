import { Logger } from '@nestjs/common';
import { concat, NEVER, of } from 'rxjs';
import {
  answer,
  chatContext,
  chatResponse,
  embedContext,
  emit,
  fail,
  observe,
  ScriptedHandler,
  streamContext,
  streamEvents,
  TEST_MODEL_INFO,
} from '../../../test/support/interceptor-harness';
import { ServerError, type ConduitCallContext, type StreamEvent } from '../../core';
import { countTextTokens, countTokens } from '../../tokens';
import { BudgetExceededError } from '../../core/errors/budget-exceeded.error';
import { ConduitMetadataKeys } from './conduit-metadata.keys';
import { CostTracker } from './cost-tracker.service';
import { CostTrackingInterceptor } from './cost-tracking.interceptor';
import type { CostRecord } from './cost.types';

const MILLION = { inputTokens: 1_000_000, outputTokens: 1_000_000, totalTokens: 2_000_000 };
const tenant = (name: string, base: ConduitCallContext = chatContext()): ConduitCallContext => {
  base.metadata.set('tenant', name);
  return base;
};

function run(
  interceptor: CostTrackingInterceptor,
  context: ConduitCallContext,
  step = answer(chatResponse('x', MILLION)),
) {
  const handler = new ScriptedHandler(context, [step]);
  return { handler, out: observe(interceptor.intercept(context, handler)) };
}

describe('CostTrackingInterceptor', () => {
  it('prices a chat call from the model catalogue prices and records it', () => {
    const tracker = new CostTracker();
    const context = chatContext();
    run(new CostTrackingInterceptor({ tracker, now: () => 42 }), context);
    // gpt-4o-mini test prices: 0.15 in, 0.6 out per million.
    expect(tracker.summary()).toMatchObject({ calls: 1, inputTokens: 1e6, outputTokens: 1e6 });
    expect(tracker.summary().costUsd).toBeCloseTo(0.75, 10);
    expect(tracker.byModel()['openai:gpt-4o-mini']?.costUsd).toBeCloseTo(0.75, 10);
    const record = context.metadata.get(ConduitMetadataKeys.cost) as CostRecord;
    expect(record).toMatchObject({
      alias: 'default',
      estimated: false,
      aborted: false,
      cached: false,
      priced: true,
      at: 42,
    });
  });

  it('prefers user prices, provider-qualified first', () => {
    const tracker = new CostTracker();
    const interceptor = new CostTrackingInterceptor({
      tracker,
      prices: {
        'gpt-4o-mini': { inputPerMillion: 1, outputPerMillion: 1 },
        'openai/gpt-4o-mini': { inputPerMillion: 10, outputPerMillion: 10 },
      },
    });
    run(interceptor, chatContext());
    expect(tracker.summary().costUsd).toBeCloseTo(20, 10);
  });

  it('aggregates per user key and per key and model', () => {
    const tracker = new CostTracker();
    const interceptor = new CostTrackingInterceptor({
      tracker,
      key: (c) => c.metadata.get('tenant') as string,
    });
    run(interceptor, tenant('a'));
    run(interceptor, tenant('a'));
    run(interceptor, tenant('b'));
    expect(tracker.summary({ key: 'a' }).calls).toBe(2);
    expect(tracker.summary({ key: 'a' }).costUsd).toBeCloseTo(1.5, 10);
    expect(tracker.summary({ key: 'b', model: 'openai:gpt-4o-mini' }).calls).toBe(1);
    expect(tracker.summary({ key: 'b', model: 'openai:gpt-4o' }).calls).toBe(0);
    expect(Object.keys(tracker.byKey())).toEqual(['a', 'b']);
    expect(tracker.spentUsd('a')).toBeCloseTo(1.5, 10);
    expect(tracker.spentUsd()).toBeCloseTo(2.25, 10);
  });

  it('refuses calls with BudgetExceededError once the key spent its budget, without calling the model', () => {
    const tracker = new CostTracker();
    const interceptor = new CostTrackingInterceptor({
      tracker,
      key: (c) => c.metadata.get('tenant') as string,
      budgetUsd: (key) => (key === 'a' ? 1 : undefined),
    });
    expect(run(interceptor, tenant('a')).out.error).toBeUndefined(); // 0.75 spent
    expect(run(interceptor, tenant('a')).out.error).toBeUndefined(); // 1.50 spent
    const refused = run(interceptor, tenant('a'));
    expect(refused.handler.calls).toHaveLength(0);
    expect(refused.out.error).toBeInstanceOf(BudgetExceededError);
    expect(refused.out.error).toMatchObject({ key: 'a', budgetUsd: 1 });
    expect((refused.out.error as BudgetExceededError).spentUsd).toBeCloseTo(1.5, 10);
    // Another key has no budget.
    expect(run(interceptor, tenant('b')).out.error).toBeUndefined();
  });

  it('applies a plain budget to all calls together', () => {
    const interceptor = new CostTrackingInterceptor({ budgetUsd: 0.5 });
    run(interceptor, chatContext());
    expect(run(interceptor, chatContext()).out.error).toBeInstanceOf(BudgetExceededError);
  });

  it('counts a cancelled stream with its usage estimated when the provider sent none', () => {
    const tracker = new CostTracker();
    const context = streamContext();
    const events = streamEvents(['Partial ', 'answer']).slice(0, 3);
    const { out, handler } = run(new CostTrackingInterceptor({ tracker }), context, () =>
      concat(of(...events), NEVER),
    );
    out.unsubscribe();
    expect(handler.calls[0]?.cancelled).toBe(true);
    const record = context.metadata.get(ConduitMetadataKeys.cost) as CostRecord;
    const input = countTokens(context.request.messages, undefined, { model: 'gpt-4o-mini' });
    const output = countTextTokens('Partial answer', { model: 'gpt-4o-mini' });
    expect(record).toMatchObject({
      estimated: true,
      aborted: true,
      usage: { inputTokens: input, outputTokens: output, totalTokens: input + output },
    });
    expect(record.cost.totalUsd).toBeGreaterThan(0);
    expect(tracker.summary()).toMatchObject({ calls: 1, estimatedCalls: 1, abortedCalls: 1 });
  });

  it('uses the reported usage of a stream that failed after it, not an estimate', () => {
    const tracker = new CostTracker();
    const context = streamContext();
    const usage = { inputTokens: 7, outputTokens: 3, totalTokens: 10 };
    const events: StreamEvent[] = [streamEvents()[0], { type: 'usage', usage }];
    run(new CostTrackingInterceptor({ tracker }), context, () =>
      concat(
        of(...events),
        fail(new ServerError('cut', { provider: 'openai' }))(new AbortController().signal),
      ),
    );
    expect(context.metadata.get(ConduitMetadataKeys.cost)).toMatchObject({
      usage,
      estimated: false,
      aborted: true,
    });
  });

  it('records nothing for a call that failed before any output (nothing was billed)', () => {
    const tracker = new CostTracker();
    run(
      new CostTrackingInterceptor({ tracker }),
      streamContext(),
      fail(new ServerError('503', { provider: 'openai', status: 503 })),
    );
    run(
      new CostTrackingInterceptor({ tracker }),
      chatContext(),
      fail(new ServerError('503', { provider: 'openai', status: 503 })),
    );
    expect(tracker.summary().calls).toBe(0);
  });

  it('counts a finished stream at the usage of its finish event', () => {
    const tracker = new CostTracker();
    run(
      new CostTrackingInterceptor({ tracker }),
      streamContext(),
      emit(streamEvents(['a'], MILLION)),
    );
    expect(tracker.summary().costUsd).toBeCloseTo(0.75, 10);
  });

  it('records cache hits at zero cost', () => {
    const tracker = new CostTracker();
    const context = chatContext();
    context.metadata.set(ConduitMetadataKeys.cacheHit, true);
    run(new CostTrackingInterceptor({ tracker }), context);
    expect(tracker.summary()).toMatchObject({
      calls: 1,
      cachedCalls: 1,
      costUsd: 0,
      inputTokens: 0,
    });
  });

  it('prices embeddings on their input tokens', () => {
    const tracker = new CostTracker();
    const context = embedContext({
      modelInfo: {
        ...TEST_MODEL_INFO,
        modelId: 'text-embedding-3-small',
        pricing: { inputPerMillion: 0.02, outputPerMillion: 0, asOf: '2026-11-01' },
      },
    });
    run(
      new CostTrackingInterceptor({ tracker }),
      context,
      answer({ embeddings: [[1]], model: 'e', usage: { inputTokens: 1_000_000 } }),
    );
    expect(tracker.summary().costUsd).toBeCloseTo(0.02, 10);
  });

  it('counts unpriced models at $0, flagged, and warns once per model', () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      const tracker = new CostTracker();
      const interceptor = new CostTrackingInterceptor({ tracker });
      const unpriced = () => {
        const info = { ...TEST_MODEL_INFO, modelId: 'my-local-model' };
        delete (info as { pricing?: unknown }).pricing;
        return chatContext({ modelInfo: info });
      };
      run(interceptor, unpriced());
      run(interceptor, unpriced());
      expect(tracker.summary()).toMatchObject({ calls: 2, unpricedCalls: 2, costUsd: 0 });
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn).toHaveBeenCalledWith(
        expect.stringContaining("No price known for model 'my-local-model'"),
      );
    } finally {
      warn.mockRestore();
    }
  });
});

describe('CostTracker', () => {
  it('keeps recent records and starts over on reset', () => {
    const tracker = new CostTracker();
    const interceptor = new CostTrackingInterceptor({ tracker });
    run(interceptor, chatContext());
    expect(tracker.recent()).toHaveLength(1);
    tracker.reset();
    expect(tracker.summary().calls).toBe(0);
    expect(tracker.byModel()).toEqual({});
    expect(tracker.recent()).toEqual([]);
  });
});
