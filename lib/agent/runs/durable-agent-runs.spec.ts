import { Injectable } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { ToolLog, MathTools } from '../../../test/fixtures/agent-app/math.tools';
import { ConduitModule } from '../../conduit.module';
import type { ChatRequest } from '../../core';
import { ConduitValidationError } from '../../core/errors/conduit-validation.error';
import { MockChatModel, MockResponses, type MockResponse } from '../../testing';
import { Tool } from '../../tools/tool.decorator';
import type { AgentEvent } from '../agent-event.types';
import { Agent } from '../agent.decorator';
import { ConduitAgent } from '../conduit-agent';
import { AgentService } from '../agent.service';
import type { AgentRunEventSink } from './agent-run-event-sink';
import type { AgentRunState } from './agent-run-state.types';
import { CorruptRunStateError } from './errors/corrupt-run-state.error';
import { RunAlreadyExistsError } from './errors/run-already-exists.error';
import { RunAwaitingApprovalError } from './errors/run-awaiting-approval.error';
import { RunConflictError } from './errors/run-conflict.error';
import { RunNotFoundError } from './errors/run-not-found.error';
import { RunNotResumableError } from './errors/run-not-resumable.error';
import { UnknownApprovalError } from './errors/unknown-approval.error';
import { InMemoryAgentRunStore } from './in-memory-agent-run.store';

/** A read that is safe to repeat, and a counter of how often it really ran. */
@Injectable()
class LookupTools {
  runs = 0;

  @Tool({ description: 'Looks an order up', idempotent: true })
  lookup(): string {
    this.runs += 1;
    return 'order 42: shipped';
  }
}

/** Records every save: the statuses in order, to prove what is saved when. */
class RecordingStore extends InMemoryAgentRunStore {
  readonly saves: AgentRunState[] = [];

  override async save(state: AgentRunState, expectedVersion: number): Promise<AgentRunState> {
    const saved = await super.save(state, expectedVersion);
    this.saves.push(saved);
    return saved;
  }
}

/** The conversation decides the answer, so that any replica's model answers the same. */
function scripted(firstTurn: MockResponse): (request: ChatRequest) => MockResponse | string {
  return (request) => {
    const last = request.messages[request.messages.length - 1];
    if (last?.role !== 'tool') return firstTurn;
    return `done: ${typeof last.content === 'string' ? last.content : '(parts)'}`;
  };
}

const modules: TestingModule[] = [];
afterEach(async () => {
  await Promise.all(modules.splice(0).map((m) => m.close()));
});

interface Replica {
  readonly agents: AgentService;
  readonly log: ToolLog;
  readonly lookups: LookupTools;
  readonly model: MockChatModel;
}

/** One "replica": an app with the math tools on a shared store. */
async function replica(
  store: InMemoryAgentRunStore,
  respond: (request: ChatRequest) => MockResponse | string,
  events?: AgentRunEventSink,
): Promise<Replica> {
  const model = new MockChatModel({ respond });
  const moduleRef = await Test.createTestingModule({
    imports: [
      ConduitModule.forRoot({
        models: { default: model },
        retry: false,
        runs: { store, ...(events === undefined ? {} : { events }) },
      }),
    ],
    providers: [ToolLog, MathTools, LookupTools],
  }).compile();
  await moduleRef.init();
  modules.push(moduleRef);
  return {
    agents: moduleRef.get(AgentService),
    log: moduleRef.get(ToolLog),
    lookups: moduleRef.get(LookupTools),
    model,
  };
}

const refundCall = MockResponses.toolCall('refund', { orderId: 'A-1' });

describe('AgentService durable runs', () => {
  it('saves after every model call, before each tool runs and after its result, and completes', async () => {
    const store = new RecordingStore();
    const { agents, log } = await replica(
      store,
      scripted(MockResponses.toolCall('add', { a: 2, b: 3 })),
    );
    const run = await agents.start({ prompt: '2 + 3?', tools: ['add'], runId: 'sum-1' });
    expect(run).toMatchObject({ runId: 'sum-1', status: 'completed', iterations: 2 });
    expect(run.result?.text).toBe('done: 5');
    expect(log.calls).toEqual(['add(2,3)']);
    // claim; model call 1 with the tool marked started before it runs; the tool's result (and
    // the tool message); model call 2 (completed)
    expect(store.saves.map((s) => s.status)).toEqual([
      'running',
      'running',
      'running',
      'completed',
    ]);
    expect(store.saves[1]?.toolCalls[0]).toMatchObject({ status: 'started', attempts: 1 });
    expect(store.saves[1]?.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(store.saves[2]?.toolCalls[0]).toMatchObject({
      status: 'finished',
      result: { content: '5', isError: false },
    });
    expect(store.saves[2]?.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'tool']);
    expect(run.version).toBe(5);
    expect(await agents.getRun('sum-1')).toEqual(run);
  });

  it('suspends on a tool that needs approval and resumes on another replica', async () => {
    const store = new InMemoryAgentRunStore();
    const one = await replica(store, scripted(refundCall));
    const suspended = await one.agents.start({ prompt: 'Refund A-1', tools: ['refund'] });
    expect(suspended.status).toBe('awaiting-approval');
    expect(suspended.pendingApprovals).toEqual([
      { toolCallId: 'call_mock_1_0', toolName: 'refund', arguments: { orderId: 'A-1' } },
    ]);
    expect(one.log.calls).toEqual([]);

    const two = await replica(store, scripted(refundCall));
    const done = await two.agents.resume(suspended.runId, {
      approvals: { call_mock_1_0: true },
    });
    expect(done.status).toBe('completed');
    expect(done.result?.text).toBe('done: {"refunded":"A-1"}');
    expect(two.log.calls).toEqual(['refund(A-1)']);
    expect(one.log.calls).toEqual([]);
    expect(done.pendingApprovals).toEqual([]);
  });

  it('sends the model a "not approved" result for a rejected call and never runs it', async () => {
    const store = new InMemoryAgentRunStore();
    const { agents, log } = await replica(store, scripted(refundCall));
    const suspended = await agents.start({ prompt: 'Refund A-1', tools: ['refund'] });
    const done = await agents.resume(suspended.runId, { approvals: { call_mock_1_0: false } });
    expect(done.status).toBe('completed');
    expect(done.result?.text).toBe('done: Tool "refund" requires approval and was not approved.');
    expect(done.toolCalls[0]?.result?.isError).toBe(true);
    expect(log.calls).toEqual([]);
  });

  it('refuses an unknown toolCallId, listing what is pending, and changes nothing', async () => {
    const store = new InMemoryAgentRunStore();
    const { agents } = await replica(store, scripted(refundCall));
    const suspended = await agents.start({ prompt: 'Refund A-1', tools: ['refund'] });
    const error = (await agents
      .resume(suspended.runId, { approvals: { nope: true } })
      .catch((e: unknown) => e)) as UnknownApprovalError;
    expect(error).toBeInstanceOf(UnknownApprovalError);
    expect(error.unknown).toEqual(['nope']);
    expect(error.missing).toEqual(['call_mock_1_0']);
    expect(error.message).toContain('call_mock_1_0 (refund)');
    expect(await agents.getRun(suspended.runId)).toEqual(suspended);
  });

  it('refuses to resume a completed run, saying its status', async () => {
    const store = new InMemoryAgentRunStore();
    const { agents } = await replica(store, () => 'hello');
    const run = await agents.start({ prompt: 'hi', tools: [] });
    const error = (await agents
      .resume(run.runId, { approvals: {} })
      .catch((e: unknown) => e)) as RunNotResumableError;
    expect(error).toBeInstanceOf(RunNotResumableError);
    expect(error.status).toBe('completed');
    expect(error.message).toContain('"completed"');
  });

  it('lets exactly one of two concurrent resumes win; the tool runs once', async () => {
    const store = new InMemoryAgentRunStore();
    const one = await replica(store, scripted(refundCall));
    const two = await replica(store, scripted(refundCall));
    const suspended = await one.agents.start({ prompt: 'Refund A-1', tools: ['refund'] });
    const approvals = { approvals: { call_mock_1_0: true } };
    const outcomes = await Promise.allSettled([
      one.agents.resume(suspended.runId, approvals),
      two.agents.resume(suspended.runId, approvals),
    ]);
    const rejected = outcomes.filter((o) => o.status === 'rejected');
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0].reason).toBeInstanceOf(RunConflictError);
    expect([...one.log.calls, ...two.log.calls]).toEqual(['refund(A-1)']);
  });

  it('never runs a tool again whose result was saved', async () => {
    const store = new InMemoryAgentRunStore();
    const { agents, log } = await replica(
      store,
      scripted(MockResponses.toolCall('add', { a: 1, b: 1 })),
    );
    const created = await agents.createRun({ prompt: '1 + 1?', tools: ['add'], runId: 'saved' });
    // As if a first process called the model, ran the tool, saved its result, and died.
    const call = {
      id: 'c1',
      name: 'add',
      arguments: { a: 1, b: 1 },
      rawArguments: '{"a":1,"b":1}',
    };
    await store.save(
      {
        ...created,
        status: 'running',
        iterations: 1,
        messages: [...created.messages, { role: 'assistant', content: '', toolCalls: [call] }],
        toolCalls: [
          {
            iteration: 1,
            toolCall: call,
            status: 'finished',
            attempts: 1,
            result: { toolCallId: 'c1', toolName: 'add', content: '2', isError: false },
          },
        ],
      },
      created.version,
    );
    const done = await agents.continueRun('saved');
    expect(done.status).toBe('completed');
    expect(done.result?.text).toBe('done: 2');
    expect(log.calls).toEqual([]);
  });

  it('fails with ToolInterruptedError for an interrupted tool that is not idempotent', async () => {
    const store = new InMemoryAgentRunStore();
    const { agents, log, model } = await replica(store, () => 'unused');
    const created = await agents.createRun({ prompt: '1 + 1?', tools: ['add'], runId: 'cut' });
    const call = { id: 'c1', name: 'add', arguments: { a: 1, b: 1 }, rawArguments: '{}' };
    await store.save(
      {
        ...created,
        status: 'running',
        iterations: 1,
        messages: [...created.messages, { role: 'assistant', content: '', toolCalls: [call] }],
        toolCalls: [{ iteration: 1, toolCall: call, status: 'started', attempts: 1 }],
      },
      created.version,
    );
    const failed = await agents.continueRun('cut');
    expect(failed.status).toBe('failed');
    expect(failed.error?.name).toBe('ToolInterruptedError');
    expect(failed.error?.message).toContain('idempotent');
    expect(log.calls).toEqual([]);
    expect(model.calls).toBe(0);
  });

  it('runs an interrupted idempotent tool again', async () => {
    const store = new InMemoryAgentRunStore();
    const { agents, lookups } = await replica(store, scripted(MockResponses.toolCall('lookup')));
    const created = await agents.createRun({
      prompt: 'order 42?',
      tools: ['lookup'],
      runId: 'idem',
    });
    const call = { id: 'c1', name: 'lookup', arguments: {}, rawArguments: '{}' };
    await store.save(
      {
        ...created,
        status: 'running',
        iterations: 1,
        messages: [...created.messages, { role: 'assistant', content: '', toolCalls: [call] }],
        toolCalls: [{ iteration: 1, toolCall: call, status: 'started', attempts: 1 }],
      },
      created.version,
    );
    const done = await agents.continueRun('idem');
    expect(done.status).toBe('completed');
    expect(done.toolCalls[0]).toMatchObject({ status: 'finished', attempts: 2 });
    expect(lookups.runs).toBe(1);
  });

  it('answers RunNotFoundError for an unknown run id', async () => {
    const { agents } = await replica(new InMemoryAgentRunStore(), () => 'x');
    await expect(agents.getRun('nope')).rejects.toBeInstanceOf(RunNotFoundError);
    await expect(agents.resume('nope', { approvals: {} })).rejects.toBeInstanceOf(RunNotFoundError);
    await expect(agents.cancel('nope')).rejects.toBeInstanceOf(RunNotFoundError);
    await expect(agents.continueRun('nope')).rejects.toBeInstanceOf(RunNotFoundError);
  });

  it('reports a corrupt stored state and leaves it as it is', async () => {
    const store = new InMemoryAgentRunStore();
    const { agents } = await replica(store, () => 'x');
    const runs = (store as unknown as { runs: Map<string, { json: string }> }).runs;
    runs.set('bad', {
      json: '{"runId":"bad","status":"running"',
      version: 1,
      final: false,
      savedAt: Date.now(),
    } as never);
    await expect(agents.continueRun('bad')).rejects.toBeInstanceOf(CorruptRunStateError);
    await expect(agents.resume('bad', { approvals: {} })).rejects.toBeInstanceOf(
      CorruptRunStateError,
    );
    expect(runs.get('bad')?.json).toBe('{"runId":"bad","status":"running"');
  });

  it('cancels a suspended run; it cannot be resumed afterwards', async () => {
    const store = new InMemoryAgentRunStore();
    const { agents } = await replica(store, scripted(refundCall));
    const suspended = await agents.start({ prompt: 'Refund A-1', tools: ['refund'] });
    const cancelled = await agents.cancel(suspended.runId);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.usage.totalTokens).toBeGreaterThan(0);
    await expect(
      agents.resume(suspended.runId, { approvals: { call_mock_1_0: true } }),
    ).rejects.toBeInstanceOf(RunNotResumableError);
  });

  it('cancels a run while its tool runs in this process: the tool sees its signal', async () => {
    const store = new InMemoryAgentRunStore();
    const { agents, log } = await replica(
      store,
      scripted(MockResponses.toolCall('wait_for_abort')),
    );
    const running = agents.start({ prompt: 'wait', tools: ['wait_for_abort'], runId: 'long' });
    await log.waiting;
    await agents.cancel('long');
    const final = await running;
    expect(final.status).toBe('cancelled');
    expect(log.aborted).toEqual(['call_mock_1_0']);
    expect((await agents.getRun('long')).status).toBe('cancelled');
  });

  it('saves a model failure as a failed run with the error as plain data', async () => {
    const { agents } = await replica(new InMemoryAgentRunStore(), () =>
      MockResponses.serverError(503),
    );
    const failed = await agents.start({ prompt: 'hi', tools: [] });
    expect(failed.status).toBe('failed');
    expect(failed.error).toEqual({ name: 'ServerError', message: expect.stringContaining('503') });
  });

  it('sends every event and status change of a durable run to the sink, in order', async () => {
    const appended: string[] = [];
    const statuses: string[] = [];
    const sink: AgentRunEventSink = {
      append: async (runId: string, event: AgentEvent) => {
        appended.push(`${runId}:${event.type}`);
        return Promise.resolve();
      },
      statusChanged: async (state) => {
        statuses.push(state.status);
        return Promise.resolve();
      },
    };
    const { agents } = await replica(
      new InMemoryAgentRunStore(),
      scripted(MockResponses.toolCall('add', { a: 1, b: 2 })),
      sink,
    );
    await agents.start({ prompt: 'go', tools: ['add'], runId: 'ev' });
    expect(appended).toEqual([
      'ev:iteration-start',
      'ev:response',
      'ev:tool-call-start',
      'ev:tool-call-finish',
      'ev:iteration-finish',
      'ev:iteration-start',
      'ev:response',
      'ev:iteration-finish',
      'ev:finish',
    ]);
    expect(statuses).toEqual(['queued', 'running', 'completed']);
  });

  it('run({ durable: true }) returns the AgentResult, or throws RunAwaitingApprovalError', async () => {
    const store = new InMemoryAgentRunStore();
    const { agents } = await replica(store, scripted(refundCall));
    const error = (await agents
      .run({ prompt: 'Refund A-1', tools: ['refund'], durable: true })
      .catch((e: unknown) => e)) as RunAwaitingApprovalError;
    expect(error).toBeInstanceOf(RunAwaitingApprovalError);
    expect((await agents.getRun(error.runId)).status).toBe('awaiting-approval');
    const approved = await agents.run({
      prompt: 'Refund A-1',
      tools: ['refund'],
      durable: true,
      approve: () => true,
    });
    expect(approved.text).toBe('done: {"refunded":"A-1"}');
    expect(approved.toolCalls.map((c) => c.toolCall.name)).toEqual(['refund']);
  });

  it('fails the bootstrap when runs.store is not an AgentRunStore', async () => {
    await expect(
      Test.createTestingModule({
        imports: [
          ConduitModule.forRoot({
            models: { default: new MockChatModel() },
            runs: { store: {} as never, extra: 1 } as never,
          }),
        ],
      }).compile(),
    ).rejects.toThrow(ConduitValidationError);
  });

  it('refuses a runId that is not a plain id', async () => {
    const { agents } = await replica(new InMemoryAgentRunStore(), () => 'x');
    await expect(agents.start({ prompt: 'hi', runId: 'a b/../c' })).rejects.toThrow(/runId/);
  });
});

describe('AgentService durable runs: start marks', () => {
  it('marks each call of a turn started in the store before it runs, one after another', async () => {
    const store = new RecordingStore();
    const { agents, log } = await replica(
      store,
      scripted(
        MockResponses.toolCalls([
          { name: 'add', arguments: { a: 1, b: 2 } },
          { name: 'multiply', arguments: { a: 3, b: 4 } },
        ]),
      ),
    );
    const run = await agents.start({ prompt: 'go', tools: ['add', 'multiply'] });
    expect(run.result?.text).toBe('done: 12');
    expect(log.calls).toEqual(['add(1,2)', 'multiply(3,4)']);
    const turn = (state: AgentRunState): string[] =>
      state.toolCalls.map((c) => `${c.toolCall.name}:${c.status}`);
    expect(store.saves.slice(1, 5).map(turn)).toEqual([
      ['add:started', 'multiply:pending'],
      ['add:finished', 'multiply:pending'],
      ['add:finished', 'multiply:started'],
      ['add:finished', 'multiply:finished'],
    ]);
  });
});

describe('durable @Agent() classes', () => {
  @Agent({ name: 'refunds', system: 'You refund orders.', tools: ['refund'], durable: true })
  class RefundAgent extends ConduitAgent {}

  async function agentApp(store: InMemoryAgentRunStore): Promise<RefundAgent> {
    const moduleRef = await Test.createTestingModule({
      imports: [
        ConduitModule.forRoot({
          models: { default: new MockChatModel({ respond: scripted(refundCall) }) },
          retry: false,
          runs: { store },
        }),
      ],
      providers: [ToolLog, MathTools, LookupTools, RefundAgent],
    }).compile();
    await moduleRef.init();
    modules.push(moduleRef);
    return moduleRef.get(RefundAgent);
  }

  it('start() stores the agent name and suspends; run() of a durable agent takes the durable path', async () => {
    const store = new InMemoryAgentRunStore();
    const agent = await agentApp(store);
    const run = await agent.start('Refund A-1', 'agent-run-1');
    expect(run).toMatchObject({ runId: 'agent-run-1', status: 'awaiting-approval' });
    expect(run.spec).toMatchObject({
      agent: 'refunds',
      system: 'You refund orders.',
      tools: ['refund'],
    });
    await expect(agent.run('Refund A-1')).rejects.toBeInstanceOf(RunAwaitingApprovalError);
  });
});

describe('AgentService durable runs: bad input', () => {
  it('refuses approvals that are not { [toolCallId]: boolean }, changing nothing', async () => {
    const store = new InMemoryAgentRunStore();
    const { agents } = await replica(store, scripted(refundCall));
    const suspended = await agents.start({ prompt: 'Refund A-1', tools: ['refund'] });
    await expect(
      agents.resume(suspended.runId, { approvals: { call_mock_1_0: 'yes' } as never }),
    ).rejects.toThrow(ConduitValidationError);
    await expect(agents.resume(suspended.runId, undefined as never)).rejects.toThrow(
      /approvals: must be an object/,
    );
    expect(await agents.getRun(suspended.runId)).toEqual(suspended);
  });

  it('refuses a runId that is taken, leaving the first run as it was', async () => {
    const { agents } = await replica(new InMemoryAgentRunStore(), () => 'hello');
    const first = await agents.start({ prompt: 'hi', tools: [], runId: 'taken' });
    await expect(agents.start({ prompt: 'again', runId: 'taken' })).rejects.toBeInstanceOf(
      RunAlreadyExistsError,
    );
    expect(await agents.getRun('taken')).toEqual(first);
  });
});
