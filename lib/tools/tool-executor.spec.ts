import 'reflect-metadata';
import { ForbiddenException } from '@nestjs/common';
import { IsInt, IsString, Min } from 'class-validator';
import { EMPTY, Observable, of, throwError } from 'rxjs';
import { AbortedError, TimeoutError } from '../core';
import { call, gate, setup } from '../../test/support/tool-executor-harness';
import { ConduitRequestContext } from './conduit-request-context';
import type { ToolContext } from './tool-context.types';
import { ToolExecutor } from './tool-executor';
import { ToolRegistry } from './tool.registry';

class OrderDto {
  @IsString() sku!: string;
  @IsInt() @Min(1) quantity!: number;
}

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

  it('turns a thrown error, a rejected promise and an erroring Observable into error results naming only the class', async () => {
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
      'Tool "sync" failed (Error). The error details were withheld.',
      'Tool "async" failed (Error). The error details were withheld.',
      'Tool "obs" failed (Error). The error details were withheld.',
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
