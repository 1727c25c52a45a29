import { MockResponses } from '../testing';
import { requestAt as sent, useAgentHarness } from '../../test/support/agent-harness';
import { MaxIterationsExceededError } from './max-iterations-exceeded.error';

const setup = useAgentHarness();

const usage = (n: number) => ({ inputTokens: n, outputTokens: 1, totalTokens: n + 1 });

describe('AgentService.run: multi-step scenarios', () => {
  it('tool call -> result -> second tool call -> final answer', async () => {
    const { agents, model, log } = await setup({
      responses: [
        MockResponses.toolCall('add', { a: 2, b: 3 }, { usage: usage(10) }),
        MockResponses.toolCall('multiply', { a: 5, b: 4 }, { usage: usage(20) }),
        MockResponses.text('The result is 20.', { usage: usage(30) }),
      ],
    });
    const result = await agents.run({ prompt: '(2 + 3) * 4?', tools: ['add', 'multiply'] });
    expect(result.text).toBe('The result is 20.');
    expect(result.iterations).toBe(3);
    expect(result.usage).toEqual({ inputTokens: 60, outputTokens: 3, totalTokens: 63 });
    expect(log.calls).toEqual(['add(2,3)', 'multiply(5,4)']);
    expect(
      result.toolCalls.map((r) => [
        r.iteration,
        r.toolCall.name,
        r.result.content,
        r.result.isError,
      ]),
    ).toEqual([
      [1, 'add', '5', false],
      [2, 'multiply', '20', false],
    ]);
    for (const record of result.toolCalls) expect(record.durationMs).toBeGreaterThanOrEqual(0);
    expect(result.messages.map((m) => m.role)).toEqual([
      'user',
      'assistant',
      'tool',
      'assistant',
      'tool',
      'assistant',
    ]);
    expect(result.messages[2]).toEqual({
      role: 'tool',
      toolCallId: 'call_mock_1_0',
      toolName: 'add',
      content: '5',
    });
    expect(result.responses.map((r) => r.id)).toEqual([
      'mock-response-1',
      'mock-response-2',
      'mock-response-3',
    ]);
    // Every model call carries the selected tools and the whole conversation so far.
    expect(sent(model, 0).tools?.map((t) => t.name)).toEqual(['add', 'multiply']);
    expect(sent(model, 2).messages).toEqual(result.messages.slice(0, 5));
  });

  it('runs parallel calls of one turn together and answers each in order', async () => {
    const { agents, log } = await setup({
      responses: [
        MockResponses.toolCalls([
          { name: 'add', arguments: { a: 1, b: 1 } },
          { name: 'multiply', arguments: { a: 3, b: 3 } },
        ]),
        'Both done.',
      ],
    });
    const events: string[] = [];
    const result = await agents.run({
      prompt: 'go',
      onEvent: (e) => {
        if (e.type === 'tool-call-start' || e.type === 'tool-call-finish') {
          events.push(`${e.type}:${e.toolCall.name}`);
        }
      },
    });
    expect(events).toEqual([
      'tool-call-start:add',
      'tool-call-start:multiply',
      'tool-call-finish:add',
      'tool-call-finish:multiply',
    ]);
    expect(log.calls).toEqual(['add(1,1)', 'multiply(3,3)']);
    expect(result.messages.slice(2).map((m) => m.role === 'tool' && m.content)).toEqual([
      '2',
      '9',
      false,
    ]);
  });

  it('runs the calls one after another with concurrency: sequential', async () => {
    const { agents } = await setup({
      responses: [
        MockResponses.toolCalls([
          { name: 'add', arguments: { a: 1, b: 1 } },
          { name: 'multiply', arguments: { a: 3, b: 3 } },
        ]),
        'Both done.',
      ],
    });
    const events: string[] = [];
    await agents.run({
      prompt: 'go',
      concurrency: 'sequential',
      onEvent: (e) => {
        if (e.type === 'tool-call-start' || e.type === 'tool-call-finish') events.push(e.type);
      },
    });
    expect(events).toEqual([
      'tool-call-start',
      'tool-call-finish',
      'tool-call-start',
      'tool-call-finish',
    ]);
  });

  it('sends a failing tool back as an error result and lets the model recover', async () => {
    const { agents, model } = await setup({
      responses: [MockResponses.toolCall('explode'), 'It failed, sorry.'],
    });
    const result = await agents.run({ prompt: 'boom' });
    expect(result.toolCalls[0]?.result).toMatchObject({
      isError: true,
      content: 'Tool "explode" failed (Error). The error details were withheld.',
    });
    expect(sent(model, 1).messages[2]).toMatchObject({ role: 'tool', isError: true });
    expect(result.text).toBe('It failed, sorry.');
  });

  it('invalid arguments go back listing each problem, then the corrected call runs', async () => {
    const { agents, model, log } = await setup({
      responses: [
        MockResponses.toolCall('add', { a: 'two', b: 3 }),
        MockResponses.toolCall('add', { a: 2, b: 3 }),
        '5',
      ],
    });
    const result = await agents.run({ prompt: '2 + 3' });
    const first = result.toolCalls[0]?.result;
    expect(first?.isError).toBe(true);
    expect(first?.content).toContain('Invalid arguments for tool "add"');
    expect(first?.content).toContain('a: a must be a number');
    expect(sent(model, 1).messages[2]?.content).toBe(first?.content);
    expect(result.toolCalls[1]?.result.content).toBe('5');
    expect(log.calls).toEqual(['add(2,3)']);
  });

  it('an unknown tool gets an error result naming the available ones', async () => {
    const { agents } = await setup({ responses: [MockResponses.toolCall('divide'), 'ok'] });
    const result = await agents.run({ prompt: 'x', tools: ['add'] });
    expect(result.toolCalls[0]?.result.content).toBe(
      'Unknown tool "divide". Available tools: add.',
    );
  });

  it('a tool outside the selection is unknown even if registered', async () => {
    const { agents, log } = await setup({ responses: [MockResponses.toolCall('explode'), 'ok'] });
    const result = await agents.run({ prompt: 'x', tools: ['add'] });
    expect(result.toolCalls[0]?.result.isError).toBe(true);
    expect(log.calls).toEqual([]);
  });

  it('fails with MaxIterationsExceededError carrying the history so far', async () => {
    const { agents, model } = await setup({
      respond: (_request, index) => MockResponses.toolCall('add', { a: index, b: 1 }),
    });
    const failure = agents.run({ prompt: 'loop', maxIterations: 2 });
    await expect(failure).rejects.toBeInstanceOf(MaxIterationsExceededError);
    const error = (await failure.catch((e: unknown) => e)) as MaxIterationsExceededError;
    expect(model.calls).toBe(2);
    expect(error.maxIterations).toBe(2);
    expect(error.responses).toHaveLength(2);
    expect(error.toolCalls.map((r) => r.result.content)).toEqual(['1', '2']);
    expect(error.messages.map((m) => m.role)).toEqual([
      'user',
      'assistant',
      'tool',
      'assistant',
      'tool',
    ]);
    expect(error.usage.totalTokens).toBe(
      error.responses.reduce((sum, r) => sum + r.usage.totalTokens, 0),
    );
    expect(error.message).toContain('made 2 model call(s)');
  });

  it('treats an empty tool call list as a final answer (no loop until the limit)', async () => {
    const { agents, model } = await setup({
      responses: [{ text: 'Done.', toolCalls: [], finishReason: 'tool_calls' }],
    });
    const result = await agents.run({ prompt: 'x', maxIterations: 5 });
    expect(result.iterations).toBe(1);
    expect(model.calls).toBe(1);
  });
});
