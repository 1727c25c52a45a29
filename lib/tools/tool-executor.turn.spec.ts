import { type ConduitCallContext, type ConduitInterceptor, type ToolResult } from '../core';
import { map, of, retry, throwError } from 'rxjs';
import { call, gate, settle, setup } from '../../test/support/tool-executor-harness';
import type { ToolRegistration } from './registered-tool.types';

describe('ToolExecutor.executeAll', () => {
  function gatedTools(
    names: readonly string[],
    log: string[],
    options: Partial<ToolRegistration> = {},
  ) {
    const gates = new Map(names.map((name) => [name, gate()]));
    const tools = names.map((name) => ({
      ...options,
      name,
      handler: async () => {
        log.push(`start:${name}`);
        await gates.get(name)!.promise;
        log.push(`end:${name}`);
        return name;
      },
    }));
    return { gates, tools };
  }

  it('runs the calls of a turn in parallel by default, results in call order', async () => {
    const log: string[] = [];
    const { gates, tools } = gatedTools(['a', 'b'], log);
    const { executor } = setup(tools);
    const pending = executor.executeAll([call('a'), call('b')]);
    await settle();
    expect(log).toEqual(['start:a', 'start:b']);
    gates.get('b')!.open();
    await settle();
    gates.get('a')!.open();
    const results = await pending;
    expect(log).toEqual(['start:a', 'start:b', 'end:b', 'end:a']);
    expect(results.map((r) => r.content)).toEqual(['a', 'b']);
  });

  it("runs them one after another with concurrency 'sequential'", async () => {
    const log: string[] = [];
    const { gates, tools } = gatedTools(['a', 'b'], log);
    const { executor } = setup(tools);
    const pending = executor.executeAll([call('a'), call('b')], { concurrency: 'sequential' });
    await settle();
    expect(log).toEqual(['start:a']);
    gates.get('a')!.open();
    await settle();
    expect(log).toEqual(['start:a', 'end:a', 'start:b']);
    gates.get('b')!.open();
    expect((await pending).map((r) => r.content)).toEqual(['a', 'b']);
  });

  it("runs a tool declared concurrency 'sequential' alone, even in a parallel turn", async () => {
    const log: string[] = [];
    const parallel = gatedTools(['a', 'c'], log);
    const alone = gatedTools(['s'], log, { concurrency: 'sequential' });
    const { executor } = setup([...parallel.tools, ...alone.tools]);
    const pending = executor.executeAll([call('a'), call('s'), call('c')]);
    await settle();
    expect(log).toEqual(['start:a']);
    parallel.gates.get('a')!.open();
    await settle();
    expect(log).toEqual(['start:a', 'end:a', 'start:s']);
    alone.gates.get('s')!.open();
    await settle();
    expect(log.at(-1)).toBe('start:c');
    parallel.gates.get('c')!.open();
    expect((await pending).map((r) => r.content)).toEqual(['a', 's', 'c']);
  });

  it('reports each call start and result to the hooks', async () => {
    const { executor } = setup([{ name: 'a' }]);
    const events: string[] = [];
    await executor.executeAll([call('a'), call('zz')], {
      concurrency: 'sequential',
      onStart: (c) => events.push(`start:${c.name}`),
      onResult: (r: ToolResult) => events.push(`result:${r.toolName}:${r.isError}`),
    });
    expect(events).toEqual(['start:a', 'result:a:false', 'start:zz', 'result:zz:true']);
  });
});

describe('ToolExecutor and the interceptor chain', () => {
  it("runs tool calls through global then per-call interceptors as kind 'tool'", async () => {
    const seen: string[] = [];
    const tagging = (tag: string): ConduitInterceptor => ({
      intercept: (context: ConduitCallContext, next) => {
        seen.push(`${tag}:${context.kind}:${context.alias}`);
        return next.handle();
      },
    });
    const { executor } = setup([{ name: 'a' }], [tagging('global')]);
    await executor.execute(call('a'), { interceptors: [tagging('call')] });
    expect(seen).toEqual(['global:tool:a', 'call:tool:a']);
  });

  it('lets an interceptor rewrite the call, replace the result, or retry', async () => {
    let attempts = 0;
    const handler = jest.fn(() => {
      attempts += 1;
      if (attempts === 1) throw new Error('flaky');
      return 'second try';
    });
    const rewrite: ConduitInterceptor = {
      intercept: (context, next) => {
        if (context.kind === 'tool') context.toolCall = { ...context.toolCall, name: 'real' };
        return next.handle();
      },
    };
    const retryOnError: ConduitInterceptor = {
      intercept: (_context, next) =>
        next.handle().pipe(
          map((output) => {
            if ((output as ToolResult).isError) throw new Error('retry');
            return output;
          }),
          retry(1),
        ),
    };
    const { executor } = setup(
      [{ name: 'real', handler }, { name: 'alias' }],
      [rewrite, retryOnError],
    );
    const result = await executor.execute(call('alias'));
    expect(result).toMatchObject({ toolName: 'real', content: 'second try', isError: false });
    expect(handler).toHaveBeenCalledTimes(2);

    const answer: ConduitInterceptor = {
      intercept: (context) =>
        of({ toolCallId: 'x', toolName: context.alias, content: 'cached', isError: false }),
    };
    const cached = setup([{ name: 'a', handler }], [answer]);
    expect((await cached.executor.execute(call('a'))).content).toBe('cached');
    expect(handler).toHaveBeenCalledTimes(2);
  });

  it('turns an interceptor failure into an error result', async () => {
    const failing: ConduitInterceptor = {
      intercept: () => throwError(() => new Error('budget exceeded')),
    };
    const { executor } = setup([{ name: 'a' }], [failing]);
    expect((await executor.execute(call('a'))).content).toBe(
      'Tool "a" failed (Error). The error details were withheld.',
    );
  });
});
