import { lastValueFrom, toArray, type Subscription } from 'rxjs';
import { ConduitValidationError } from '../core';
import { MockResponses } from '../testing';
import type { AgentEvent, AgentToolApprovalEvent } from './agent-event.types';
import { useAgentHarness } from '../../test/support/agent-harness';
import { MaxIterationsExceededError } from './max-iterations-exceeded.error';

const setup = useAgentHarness();

function describeEvent(event: AgentEvent): string {
  switch (event.type) {
    case 'text-delta':
      return `text:${event.delta}`;
    case 'tool-call-start':
    case 'tool-call-finish':
      return `${event.type}:${event.toolCall.name}`;
    default:
      return event.type;
  }
}

describe('AgentService.stream', () => {
  it('streams iteration boundaries, text deltas, tool calls and the final result', async () => {
    const { agents } = await setup({
      responses: [
        MockResponses.toolCall('add', { a: 20, b: 22 }, { text: 'Let me add. ' }),
        { text: 'It is 42.', chunks: ['It is ', '42.'] },
      ],
    });
    const events = await lastValueFrom(agents.stream({ prompt: '20 + 22?' }).pipe(toArray()));
    expect(events.map(describeEvent)).toEqual([
      'iteration-start',
      'text:Let ',
      'text:me ',
      'text:add. ',
      'response',
      'tool-call-start:add',
      'tool-call-finish:add',
      'iteration-finish',
      'iteration-start',
      'text:It is ',
      'text:42.',
      'response',
      'iteration-finish',
      'finish',
    ]);
    const finish = events[events.length - 1];
    if (finish?.type !== 'finish') throw new Error('no finish event');
    expect(finish.result.text).toBe('It is 42.');
    expect(finish.result.toolCalls[0]?.result.content).toBe('42');
    expect(finish.result.messages[1]).toMatchObject({
      role: 'assistant',
      content: 'Let me add. ',
      toolCalls: [{ name: 'add', arguments: { a: 20, b: 22 } }],
    });
    const iterations = events.flatMap((e) => ('iteration' in e ? [e.iteration] : []));
    expect(iterations).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2]);
  });

  it('is cold and reports validation problems as the Observable error', async () => {
    const { agents, model } = await setup({ responses: [] });
    const stream = agents.stream({ prompt: 'x', maxIterations: -1 });
    expect(model.calls).toBe(0);
    await expect(lastValueFrom(stream)).rejects.toBeInstanceOf(ConduitValidationError);
  });

  it('fails with MaxIterationsExceededError after the limit, having made exactly that many calls', async () => {
    const { agents, model } = await setup({
      respond: () => MockResponses.toolCall('add', { a: 1, b: 1 }),
    });
    const error: unknown = await lastValueFrom(
      agents.stream({ prompt: 'x', maxIterations: 2 }),
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MaxIterationsExceededError);
    expect(model.calls).toBe(2);
    expect((error as MaxIterationsExceededError).maxIterations).toBe(2);
    expect((error as MaxIterationsExceededError).responses).toHaveLength(2);
    expect((error as MaxIterationsExceededError).toolCalls).toHaveLength(2);
  });

  it('unsubscribing while a tool runs fires its signal and makes no further model call', async () => {
    const { agents, log, model } = await setup({
      responses: [MockResponses.toolCall('wait_for_abort'), 'never'],
    });
    const subscription = agents.stream({ prompt: 'x' }).subscribe();
    await log.waiting;
    subscription.unsubscribe();
    expect(log.aborted).toEqual(['call_mock_1_0']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(model.calls).toBe(1);
  });

  it('unsubscribing mid-answer aborts the model call', async () => {
    const { agents, model } = await setup({
      responses: [{ text: 'one two three four', delayMs: 5 }],
    });
    await new Promise<void>((resolve) => {
      const subscription: Subscription = agents.stream({ prompt: 'x' }).subscribe((event) => {
        if (event.type === 'text-delta') {
          subscription.unsubscribe();
          resolve();
        }
      });
    });
    expect(model.cancelledCalls).toBe(1);
  });

  it('pauses on a tool-approval event until respond() is called', async () => {
    const { agents, log } = await setup({
      responses: [
        MockResponses.toolCalls([
          { name: 'refund', arguments: { orderId: 'o-1' } },
          { name: 'refund', arguments: { orderId: 'o-2' } },
        ]),
        'Refunded one.',
      ],
    });
    const approvals: AgentToolApprovalEvent[] = [];
    const events = await lastValueFrom(
      agents
        .stream({
          prompt: 'refund',
          onEvent: (event) => {
            if (event.type !== 'tool-approval') return;
            approvals.push(event);
            // The run waits: nothing ran yet when the question is asked.
            expect(log.calls).toEqual(approvals.length === 1 ? [] : ['refund(o-1)']);
            const approved = event.toolCall.arguments['orderId'] === 'o-1';
            setImmediate(() => {
              event.respond(approved);
              event.respond(!approved); // only the first answer counts
            });
          },
          concurrency: 'sequential',
        })
        .pipe(toArray()),
    );
    expect(approvals.map((a) => a.toolCall.arguments['orderId'])).toEqual(['o-1', 'o-2']);
    expect(log.calls).toEqual(['refund(o-1)']);
    const finish = events[events.length - 1];
    if (finish?.type !== 'finish') throw new Error('no finish event');
    expect(finish.result.toolCalls.map((r) => r.result.isError)).toEqual([false, true]);
  });

  it('an unanswered approval ends with the stream when unsubscribed', async () => {
    const { agents, log, model } = await setup({
      responses: [MockResponses.toolCall('refund', { orderId: 'o-1' }), 'never'],
    });
    await new Promise<void>((resolve) => {
      const subscription: Subscription = agents.stream({ prompt: 'x' }).subscribe((event) => {
        if (event.type === 'tool-approval') {
          subscription.unsubscribe();
          resolve();
        }
      });
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(log.calls).toEqual([]);
    expect(model.calls).toBe(1);
  });

  it('uses the approve option instead of events when given', async () => {
    const { agents, log } = await setup({
      responses: [MockResponses.toolCall('refund', { orderId: 'o-9' }), 'ok'],
    });
    const events = await lastValueFrom(
      agents.stream({ prompt: 'x', approve: () => Promise.resolve(true) }).pipe(toArray()),
    );
    expect(events.some((e) => e.type === 'tool-approval')).toBe(false);
    expect(log.calls).toEqual(['refund(o-9)']);
  });
});
