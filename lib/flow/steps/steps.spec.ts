import { MockChatModel } from '../../testing';
import type { ChatOptions } from '../../chat/chat-options.types';
import type { Message } from '../../core';
import { Pipeline } from '../pipeline/pipeline';
import { branchStep, conditionalStep, loopStep, parallelStep } from './control-steps';
import { FlowStepError } from './flow-step.error';
import { modelStep, type ChatCaller } from './model-step';
import { renderTemplate } from './prompt-template';
import { agentStep } from './agent-step';

const context = { signal: new AbortController().signal };

function chatOver(model: MockChatModel, seen: ChatOptions[]): ChatCaller {
  return {
    chat: (messages, options = {}) => {
      seen.push(options);
      const list: readonly Message[] =
        typeof messages === 'string' ? [{ role: 'user', content: messages }] : messages;
      return model.chat({ messages: list });
    },
  };
}

describe('step builders', () => {
  it('modelStep renders the template, calls the model and writes the answer under the output key', async () => {
    const model = new MockChatModel({ responses: ['Bonjour'] });
    const seen: ChatOptions[] = [];
    const step = modelStep<{ text: string; french?: string }, 'french'>(chatOver(model, seen), {
      prompt: 'Translate to French: {{text}}',
      output: 'french',
      system: 'You translate.',
      options: { model: 'fast' },
    });
    expect(await step({ text: 'Hello' }, context)).toEqual({ text: 'Hello', french: 'Bonjour' });
    expect(model.requests[0]?.messages).toEqual([
      { role: 'system', content: 'You translate.' },
      { role: 'user', content: 'Translate to French: Hello' },
    ]);
    expect(seen[0]).toMatchObject({ model: 'fast', signal: context.signal });
  });

  it('renderTemplate fills nested keys, JSON for objects, and names a missing key', () => {
    expect(renderTemplate('{{a.b}} {{ list }}', { a: { b: 'x' }, list: [1, 2] })).toBe('x [1,2]');
    expect(() => renderTemplate('Hi {{name}}', {})).toThrow(
      'The prompt template uses {{name}} but the state has no "name".',
    );
  });

  it('conditionalStep runs its step only when the predicate holds', async () => {
    const step = conditionalStep<{ n: number }>(
      (s) => s.n > 0,
      (s) => ({ n: s.n * 2 }),
    );
    expect(await step({ n: 2 }, context)).toEqual({ n: 4 });
    expect(await step({ n: -1 }, context)).toEqual({ n: -1 });
  });

  it('parallelStep runs branches at once and nests each result under its key', async () => {
    const order: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const step = parallelStep<{ city: string }, { weather: { sky: string }; size: number }>({
      weather: async (s) => (
        order.push('weather start'),
        await gate,
        { sky: `sunny in ${s.city}` }
      ),
      size: (s) => (order.push('size'), release(), s.city.length),
    });
    expect(await step({ city: 'Paris' }, context)).toEqual({
      city: 'Paris',
      weather: { sky: 'sunny in Paris' },
      size: 5,
    });
    expect(order).toEqual(['weather start', 'size']);
    const failing = parallelStep<{ x: number }, { a: number }>({
      a: () => Promise.reject(new Error('nope')),
    });
    await expect(failing({ x: 1 }, context)).rejects.toThrow('Parallel branch "a" failed: nope');
  });

  it('branchStep routes, falls back to the default, and explains a missing route', async () => {
    type Tagged = { n: number; tag?: string };
    const routes = { small: (s: Tagged): Tagged => ({ ...s, tag: 'small' }) };
    const router = (s: { n: number }): string => (s.n < 10 ? 'small' : 'big');
    expect(await branchStep<Tagged>(router, routes)({ n: 1 }, context)).toEqual({
      n: 1,
      tag: 'small',
    });
    expect(
      await branchStep<Tagged>(router, routes, { default: (s) => ({ ...s, tag: 'other' }) })(
        { n: 50 },
        context,
      ),
    ).toEqual({ n: 50, tag: 'other' });
    const error = await branchStep<Tagged>(router, routes)({ n: 50 }, context).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(FlowStepError);
    expect((error as Error).message).toBe(
      'The router chose "big", which has no step and there is no default. Routes: small. Add the route or a default.',
    );
  });

  it('loopStep repeats while the condition holds, and fails (or stops) at its bound', async () => {
    const inc = (s: { n: number }): { n: number } => ({ n: s.n + 1 });
    expect(
      await loopStep(inc, { while: (s) => s.n < 3, maxIterations: 5 })({ n: 0 }, context),
    ).toEqual({ n: 3 });
    expect(
      await loopStep(inc, { while: (s) => s.n < 3, maxIterations: 3 })({ n: 0 }, context),
    ).toEqual({ n: 3 });
    await expect(
      loopStep(inc, { while: () => true, maxIterations: 3 })({ n: 0 }, context),
    ).rejects.toThrow('The loop was still running after maxIterations (3) iterations.');
    expect(
      await loopStep(inc, { while: () => true, maxIterations: 3, onLimit: 'stop' })(
        { n: 0 },
        context,
      ),
    ).toEqual({ n: 3 });
    expect(() => loopStep(inc, { while: () => true, maxIterations: 0 })).toThrow(FlowStepError);
  });

  it('agentStep runs the agent with the prompt and the signal and stores its answer', async () => {
    const runs: unknown[] = [];
    const agent = {
      run: (input: unknown) => (runs.push(input), Promise.resolve({ text: 'done' } as never)),
    };
    const step = agentStep<{ task: string; result?: string }, 'result'>(agent, {
      input: (s) => s.task,
      output: 'result',
    });
    expect(await step({ task: 'do it' }, context)).toEqual({ task: 'do it', result: 'done' });
    expect(runs).toEqual([{ prompt: 'do it', signal: context.signal }]);
  });

  it('builders compose in a pipeline over a state', async () => {
    const pipeline = Pipeline.start<{ n: number }>()
      .pipe(
        'loop',
        loopStep((s) => ({ n: s.n + 1 }), { while: (s) => s.n < 5, maxIterations: 10 }),
      )
      .pipe(
        'branch',
        branchStep((s) => (s.n === 5 ? 'five' : 'other'), { five: (s) => ({ n: s.n * 100 }) }),
      );
    expect(await pipeline.run({ n: 0 })).toEqual({ n: 500 });
  });
});
