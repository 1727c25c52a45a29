import { lastValueFrom, tap } from 'rxjs';
import { AbortedError, ConduitValidationError, RateLimitError, type Message } from '../core';
import { MockResponses } from '../testing';
import { MathTools } from '../../test/fixtures/agent-app/math.tools';
import type { AgentEvent } from './agent-event.types';
import { requestAt as sent, useAgentHarness } from '../../test/support/agent-harness';

const setup = useAgentHarness();

describe('AgentService.run: options', () => {
  it('puts the system prompt first, then the messages, then the prompt', async () => {
    const { agents, model } = await setup({ responses: ['hi'] });
    const history: Message[] = [
      { role: 'user', content: 'earlier' },
      { role: 'assistant', content: 'answer' },
    ];
    const result = await agents.run({
      system: 'Be brief.',
      messages: history,
      prompt: 'now',
      tools: [],
    });
    expect(sent(model, 0).messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      ...history,
      { role: 'user', content: 'now' },
    ]);
    expect(sent(model, 0).tools).toBeUndefined();
    expect(result.messages).toHaveLength(5);
  });

  it('applies toolChoice to the first model call only, and passes settings on', async () => {
    const { agents, model } = await setup({
      responses: [MockResponses.toolCall('add', { a: 1, b: 2 }), 'three'],
    });
    await agents.run({
      prompt: 'x',
      toolChoice: 'required',
      temperature: 0.1,
      maxTokens: 50,
      tools: { classes: [MathTools] },
    });
    expect(sent(model, 0)).toMatchObject({
      toolChoice: 'required',
      temperature: 0.1,
      maxTokens: 50,
    });
    expect(sent(model, 1).toolChoice).toBeUndefined();
    expect(sent(model, 1).temperature).toBe(0.1);
    expect(sent(model, 0).tools?.map((t) => t.name)).toEqual([
      'add',
      'multiply',
      'explode',
      'wait_for_abort',
      'refund',
    ]);
  });

  it('rejects bad options before any model call', async () => {
    const { agents, model } = await setup({ responses: [] });
    await expect(agents.run({})).rejects.toThrow(/messages: give messages or a prompt/);
    await expect(agents.run({ prompt: 'x', maxIterations: 0 })).rejects.toThrow(
      /maxIterations: must be an integer >= 1/,
    );
    await expect(agents.run({ prompt: '  ' })).rejects.toThrow(ConduitValidationError);
    await expect(agents.run({ prompt: 'x', tools: ['nope'] })).rejects.toThrow(
      /unknown tool "nope"/,
    );
    await expect(agents.run({ prompt: 'x', tools: 7 as unknown as 'all' })).rejects.toThrow(
      /tools: must be 'all'/,
    );
    expect(model.calls).toBe(0);
  });

  it('lets model errors through unchanged', async () => {
    const { agents } = await setup({ responses: [MockResponses.rateLimited(10)] });
    await expect(agents.run({ prompt: 'x' })).rejects.toBeInstanceOf(RateLimitError);
  });

  it('reports every step to onEvent', async () => {
    const { agents } = await setup({
      responses: [MockResponses.toolCall('add', { a: 1, b: 1 }), 'two'],
    });
    const events: AgentEvent[] = [];
    const result = await agents.run({ prompt: 'x', onEvent: (e) => events.push(e) });
    expect(events.map((e) => e.type)).toEqual([
      'iteration-start',
      'response',
      'tool-call-start',
      'tool-call-finish',
      'iteration-finish',
      'iteration-start',
      'response',
      'iteration-finish',
      'finish',
    ]);
    expect(events[events.length - 1]).toEqual({ type: 'finish', result });
  });
});

describe('AgentService.run: approval and abort', () => {
  it('refuses a requiresApproval tool without an approver', async () => {
    const { agents, log } = await setup({
      responses: [MockResponses.toolCall('refund', { orderId: 'o-1' }), 'Not allowed.'],
    });
    const result = await agents.run({ prompt: 'refund o-1' });
    expect(result.toolCalls[0]?.result).toMatchObject({
      isError: true,
      content: 'Tool "refund" requires approval and was not approved.',
    });
    expect(log.calls).toEqual([]);
  });

  it('asks the approver with the call and the tool, and runs the tool when approved', async () => {
    const { agents, log } = await setup({
      responses: [
        MockResponses.toolCall('refund', { orderId: 'o-1' }),
        MockResponses.toolCall('refund', { orderId: 'o-2' }),
        'Done.',
      ],
    });
    const asked: string[] = [];
    const result = await agents.run({
      prompt: 'refund both',
      approve: (call, tool) => {
        asked.push(`${tool.name}:${String(call.arguments['orderId'])}`);
        return call.arguments['orderId'] === 'o-1';
      },
    });
    expect(asked).toEqual(['refund:o-1', 'refund:o-2']);
    expect(log.calls).toEqual(['refund(o-1)']);
    expect(result.toolCalls.map((r) => r.result.isError)).toEqual([false, true]);
  });

  it('aborting the signal while a tool runs fires the tool signal and rejects', async () => {
    const { agents, log, model } = await setup({
      responses: [MockResponses.toolCall('wait_for_abort'), 'never'],
    });
    const controller = new AbortController();
    const run = agents.run({ prompt: 'x', signal: controller.signal });
    await log.waiting;
    controller.abort();
    await expect(run).rejects.toBeInstanceOf(AbortedError);
    expect(log.aborted).toEqual(['call_mock_1_0']);
    expect(model.calls).toBe(1);
  });
});

describe('AgentService: a signal aborted before the run', () => {
  it('run() rejects with AbortedError and calls nothing', async () => {
    const { agents, model } = await setup({ responses: ['never'] });
    await expect(agents.run({ prompt: 'x', signal: AbortSignal.abort() })).rejects.toBeInstanceOf(
      AbortedError,
    );
    expect(model.calls).toBe(0);
  });

  it('an approval asked after the signal fired is not emitted', async () => {
    const { agents, log } = await setup({
      responses: [MockResponses.toolCall('refund', { orderId: 'o-1' }), 'never'],
    });
    const controller = new AbortController();
    const events = agents.stream({
      prompt: 'x',
      signal: controller.signal,
      onEvent: (event) => {
        // Abort as soon as the model asked for the tool, before the approval question.
        if (event.type === 'tool-call-start') controller.abort();
      },
    });
    const seen: string[] = [];
    await expect(lastValueFrom(events.pipe(tap((e) => seen.push(e.type))))).rejects.toBeInstanceOf(
      AbortedError,
    );
    expect(seen).not.toContain('tool-approval');
    expect(log.calls).toEqual([]);
  });
});
