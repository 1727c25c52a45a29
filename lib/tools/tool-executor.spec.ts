import 'reflect-metadata';
import { ForbiddenException } from '@nestjs/common';
import { IsInt, IsString, Min } from 'class-validator';
import { EMPTY, Observable, map, of, retry, throwError } from 'rxjs';
import {
  AbortedError,
  TimeoutError,
  type ConduitCallContext,
  type ConduitInterceptor,
  type ToolCall,
  type ToolResult,
} from '../core';
import { ConduitRequestContext } from './conduit-request-context';
import type { ToolRegistration } from './registered-tool.types';
import type { ToolContext } from './tool-context.types';
import { ToolExecutor } from './tool-executor';
import { ToolRegistry } from './tool.registry';

class OrderDto {
  @IsString() sku!: string;
  @IsInt() @Min(1) quantity!: number;
}

let ids = 0;
function call(name: string, args: Record<string, unknown> = {}): ToolCall {
  ids += 1;
  return { id: `call_${ids}`, name, arguments: args, rawArguments: JSON.stringify(args) };
}

function setup(
  tools: readonly Partial<ToolRegistration>[],
  interceptors: readonly ConduitInterceptor[] = [],
): { executor: ToolExecutor; registry: ToolRegistry } {
  const registry = new ToolRegistry();
  registry.addAll(
    tools.map((tool) => ({
      name: 'tool',
      description: 'A tool',
      handler: () => 'ok',
      ...tool,
    })),
  );
  return { executor: new ToolExecutor(registry, {}, () => interceptors), registry };
}

/** A promise the test settles, to hold a tool open without timers. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('ToolExecutor.execute', () => {
  it('answers an unknown tool with an error result listing the available tools', async () => {
    const { executor } = setup([{ name: 'a' }, { name: 'b' }]);
    const result = await executor.execute(call('nope'));
    expect(result).toMatchObject({
      toolName: 'nope',
      isError: true,
      content: 'Unknown tool "nope". Available tools: a, b.',
    });
  });

  it('treats a tool outside the selection as unknown', async () => {
    const handler = jest.fn();
    const { executor } = setup([{ name: 'a', handler }, { name: 'b' }]);
    const result = await executor.execute(call('a'), { tools: ['b'] });
    expect(result.content).toBe('Unknown tool "a". Available tools: b.');
    expect(handler).not.toHaveBeenCalled();
  });

  it('returns each argument problem to the model and does not run the tool', async () => {
    const handler = jest.fn();
    const { executor } = setup([{ name: 'order', parameters: OrderDto, handler }]);
    const result = await executor.execute(call('order', { sku: 5, quantity: 0 }));
    expect(result.isError).toBe(true);
    expect(result.content).toBe(
      'Invalid arguments for tool "order":\n' +
        '  - sku: sku must be a string\n' +
        '  - quantity: quantity must not be less than 1\n' +
        'Fix the arguments and call the tool again.',
    );
    expect(handler).not.toHaveBeenCalled();
  });

  it('hands the tool a validated DTO instance and its context', async () => {
    const handler = jest.fn<unknown, [unknown, ToolContext]>(() => 'done');
    const { executor } = setup([{ name: 'order', parameters: OrderDto, handler }]);
    const metadata = new Map<string, unknown>([['trace', 't-1']]);
    const toolCall = call('order', { sku: 'a', quantity: 2 });
    await executor.execute(toolCall, { metadata });
    const [args, context] = handler.mock.calls[0];
    expect(args).toBeInstanceOf(OrderDto);
    expect(args).toEqual({ sku: 'a', quantity: 2 });
    expect(context.toolCall).toBe(toolCall);
    expect(context.metadata).toBe(metadata);
    expect(context.signal.aborted).toBe(false);
    expect(context.request).toBeUndefined();
  });

  it('refuses hostile arguments without polluting any prototype', async () => {
    const handler = jest.fn();
    const { executor } = setup([{ name: 'order', parameters: OrderDto, handler }]);
    const raw =
      '{"sku":"a","quantity":1,"__proto__":{"isAdmin":true},"constructor":{"prototype":{"isAdmin":true}}}';
    const result = await executor.execute({
      id: 'c',
      name: 'order',
      arguments: {},
      rawArguments: raw,
    });
    expect(result.content).toContain('  - __proto__: the key "__proto__" is not allowed');
    expect(result.content).toContain('  - constructor: the key "constructor" is not allowed');
    expect(handler).not.toHaveBeenCalled();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect((new OrderDto() as unknown as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('rejects arguments over the tool size limit', async () => {
    const { executor } = setup([{ name: 'echo', maxArgumentsBytes: 20 }]);
    const result = await executor.execute(call('echo', { text: 'x'.repeat(50) }));
    expect(result.content).toContain('(root): arguments are 61 bytes; the limit is 20 bytes');
  });

  it.each([
    ['a string, as is', () => 'plain text', 'plain text'],
    ['a sync value, as JSON', () => ({ temp: 21 }), '{"temp":21}'],
    ['an async value', async () => [1, 2], '[1,2]'],
    ['an Observable, its last value', () => of(1, 2, 3), '3'],
    ['an empty Observable, as null', () => EMPTY, 'null'],
    ['undefined, as null', () => undefined, 'null'],
  ])('sends back %s', async (_label, handler, content) => {
    const { executor } = setup([{ name: 't', handler: handler }]);
    const result = await executor.execute(call('t'));
    expect(result).toMatchObject({ isError: false, content });
  });

  it('keeps the returned value on the result', async () => {
    const value = { temp: 21 };
    const { executor } = setup([{ name: 't', handler: () => value }]);
    expect((await executor.execute(call('t'))).value).toBe(value);
  });

  it('reports a value that cannot be JSON', async () => {
    const { executor } = setup([{ name: 't', handler: () => ({ big: 1n }) }]);
    const result = await executor.execute(call('t'));
    expect(result.isError).toBe(true);
    expect(result.content).toMatch(/^Tool "t" returned a value that cannot be sent as JSON/);
  });

  it('turns a thrown error, a rejected promise and an erroring Observable into error results', async () => {
    const { executor } = setup([
      {
        name: 'sync',
        handler: () => {
          throw new Error('disk full');
        },
      },
      { name: 'async', handler: () => Promise.reject(new Error('no route')) },
      { name: 'obs', handler: () => throwError(() => new Error('stream broke')) },
      {
        name: 'forbidden',
        handler: () => {
          throw new ForbiddenException('not your order');
        },
      },
    ]);
    const contents = await Promise.all(
      ['sync', 'async', 'obs', 'forbidden'].map(
        async (name) => (await executor.execute(call(name))).content,
      ),
    );
    expect(contents).toEqual([
      'Tool "sync" failed: disk full',
      'Tool "async" failed: no route',
      'Tool "obs" failed: stream broke',
      'Tool "forbidden" is not allowed: not your order.',
    ]);
  });

  it('runs a tool that requires approval only when the approver says yes', async () => {
    const handler = jest.fn(() => 'sent');
    const { executor, registry } = setup([{ name: 'send', requiresApproval: true, handler }]);
    const refused = await executor.execute(call('send'));
    expect(refused.content).toBe('Tool "send" requires approval and was not approved.');
    const denied = await executor.execute(call('send'), { approve: () => false });
    expect(denied.isError).toBe(true);
    expect(handler).not.toHaveBeenCalled();
    const approve = jest.fn(async () => true);
    const toolCall = call('send');
    const approved = await executor.execute(toolCall, { approve });
    expect(approved.content).toBe('sent');
    expect(approve).toHaveBeenCalledWith(toolCall, registry.get('send'));
  });

  it('exposes the request of ConduitRequestContext to the tool', async () => {
    const handler = jest.fn<unknown, [unknown, ToolContext]>(() => 'ok');
    const { executor } = setup([{ name: 't', handler }]);
    const request = { user: { id: 'u-1' } };
    await ConduitRequestContext.run(request, () => executor.execute(call('t')));
    expect(handler.mock.calls[0][1].request).toBe(request);
  });

  describe('timeouts', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('cancels a tool after its timeout: error result, and its signal fires', async () => {
      let signal: AbortSignal | undefined;
      const { executor } = setup([
        {
          name: 'slow',
          timeoutMs: 50,
          handler: (_args, context) => {
            signal = context.signal;
            return new Promise(() => undefined);
          },
        },
      ]);
      const pending = executor.execute(call('slow'));
      await jest.advanceTimersByTimeAsync(49);
      expect(signal?.aborted).toBe(false);
      await jest.advanceTimersByTimeAsync(1);
      const result = await pending;
      expect(result).toMatchObject({
        isError: true,
        content: 'Tool "slow" did not finish within 50 ms and was cancelled.',
      });
      expect(signal?.reason).toBeInstanceOf(TimeoutError);
    });

    it('uses the module default timeout when the tool sets none', async () => {
      const registry = new ToolRegistry();
      registry.add({
        name: 'slow',
        description: 'Slow',
        handler: () => new Promise(() => undefined),
      });
      const executor = new ToolExecutor(registry, { timeoutMs: 10 });
      const pending = executor.execute(call('slow'));
      await jest.advanceTimersByTimeAsync(10);
      expect((await pending).content).toBe(
        'Tool "slow" did not finish within 10 ms and was cancelled.',
      );
    });

    it('unsubscribes from an Observable tool on timeout', async () => {
      let unsubscribed = false;
      const { executor } = setup([
        {
          name: 'ticker',
          timeoutMs: 5,
          handler: () =>
            new Observable<number>(() => () => {
              unsubscribed = true;
            }),
        },
      ]);
      const pending = executor.execute(call('ticker'));
      await jest.advanceTimersByTimeAsync(5);
      expect((await pending).isError).toBe(true);
      expect(unsubscribed).toBe(true);
    });
  });

  it('rejects with AbortedError when the caller aborts, and signals the running tool', async () => {
    let signal: AbortSignal | undefined;
    const started = gate();
    const { executor } = setup([
      {
        name: 'wait',
        handler: (_args, context) => {
          signal = context.signal;
          started.open();
          return new Promise(() => undefined);
        },
      },
    ]);
    const controller = new AbortController();
    const pending = executor.execute(call('wait'), { signal: controller.signal });
    await started.promise;
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(AbortedError);
    expect(signal?.aborted).toBe(true);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const handler = jest.fn();
    const { executor } = setup([{ name: 't', handler }]);
    await expect(
      executor.execute(call('t'), { signal: AbortSignal.abort() }),
    ).rejects.toBeInstanceOf(AbortedError);
    expect(handler).not.toHaveBeenCalled();
  });
});

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
    expect((await executor.execute(call('a'))).content).toBe('Tool "a" failed: budget exceeded');
  });
});
