import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import type { App } from 'supertest/types';
import type { ToolCall, ToolResult } from 'nestjs-conduit';
import { ToolExecutor, ToolRegistry } from 'nestjs-conduit';
import { EventLog } from './fixtures/tools-app/event-log';
import { SessionTools } from './fixtures/tools-app/session.tools';
import { ToolsAppModule } from './fixtures/tools-app/tools-app.module';

let ids = 0;
function call(
  name: string,
  args: Record<string, unknown> = {},
  rawArguments = JSON.stringify(args),
): ToolCall {
  ids += 1;
  return { id: `call_${ids}`, name, arguments: args, rawArguments };
}

const order = { customer: 'ada', lines: [{ sku: 'ab-12', quantity: 2 }] };
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('tools in a Nest app (e2e)', () => {
  let app: INestApplication;
  let executor: ToolExecutor;
  let log: EventLog;

  beforeEach(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [ToolsAppModule.withTools()],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    executor = app.get(ToolExecutor);
    log = app.get(EventLog);
  });

  afterEach(async () => {
    await app.close();
  });

  async function runOverHttp(
    calls: readonly ToolCall[],
    user?: string,
    path = '/agent/tools',
  ): Promise<ToolResult[]> {
    const pending = request(app.getHttpServer() as App)
      .post(path)
      .send({ calls });
    const response = await (user === undefined ? pending : pending.set('x-user', user)).expect(201);
    return response.body as ToolResult[];
  }

  it('discovers the tools of the app and describes their DTOs for the model', () => {
    const registry = app.get(ToolRegistry);
    expect(
      registry
        .list()
        .map((t) => t.name)
        .sort(),
    ).toEqual(['exclusive', 'hang', 'my_tenant', 'place_order', 'step', 'whoami']);
    expect(registry.get('place_order')?.schema).toEqual({
      type: 'object',
      properties: {
        customer: { type: 'string' },
        lines: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            properties: {
              sku: {
                type: 'string',
                pattern: '^[a-z]{2}-\\d{2}$',
                description: 'Stock keeping unit, e.g. "ab-12"',
              },
              quantity: { type: 'integer', minimum: 1, maximum: 10 },
            },
            required: ['sku', 'quantity'],
            additionalProperties: false,
          },
        },
      },
      required: ['customer', 'lines'],
      additionalProperties: false,
    });
  });

  it('runs guard, interceptor and pipe around the tool method, with its injected dependencies', async () => {
    const [result] = await runOverHttp([call('place_order', order)], 'ada@acme');
    expect(result).toMatchObject({
      isError: false,
      content: JSON.stringify({ audited: true, value: { orderId: 'order-1', skus: ['AB-12'] } }),
    });
    expect(log.events).toEqual([
      'guard:placeOrder:dto=true',
      'interceptor:conduit-tool',
      'pipe:PlaceOrderDto',
      `placeOrder:call_${ids}`,
    ]);
  });

  it('answers "not allowed" when the guard denies, without running the tool', async () => {
    const [denied] = await runOverHttp([call('place_order', order)], 'eve@globex');
    expect(denied).toMatchObject({
      isError: true,
      content: 'Tool "place_order" is not allowed: Forbidden resource.',
    });
    const [anonymous] = await executor.executeAll([call('place_order', order)]);
    expect(anonymous?.content).toBe('Tool "place_order" is not allowed: Forbidden resource.');
    expect(log.events.filter((e) => e.startsWith('placeOrder'))).toEqual([]);
  });

  it("lets the tool's exception filter answer the model", async () => {
    const outOfStock = { customer: 'ada', lines: [{ sku: 'xx-99', quantity: 1 }] };
    const [result] = await runOverHttp([call('place_order', outOfStock)], 'ada@acme');
    expect(result).toMatchObject({
      isError: false,
      content: 'Sorry, XX-99 is out of stock; offer an alternative.',
    });
  });

  it('sends invalid arguments back as one error result listing each problem', async () => {
    const bad = { lines: [{ sku: 'nope', quantity: 11 }] };
    const [result] = await runOverHttp([call('place_order', bad)], 'ada@acme');
    expect(result?.isError).toBe(true);
    expect(result?.content).toBe(
      'Invalid arguments for tool "place_order":\n' +
        '  - customer: customer must be a string\n' +
        '  - lines[0].sku: sku must match /^[a-z]{2}-\\d{2}$/i regular expression\n' +
        '  - lines[0].quantity: quantity must not be greater than 10\n' +
        'Fix the arguments and call the tool again.',
    );
    expect(log.events).toEqual([]);
  });

  it('refuses hostile input: prototype keys, oversized arguments, unknown tools', async () => {
    const hostile = call(
      'place_order',
      {},
      '{"customer":"ada","lines":[{"sku":"ab-12","quantity":1,"__proto__":{"admin":true}}]}',
    );
    const [polluting, unknown] = await runOverHttp([hostile, call('drop_tables')], 'ada@acme');
    expect(polluting?.content).toContain(
      '  - lines[0].__proto__: the key "__proto__" is not allowed',
    );
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    expect(unknown?.content).toMatch(/^Unknown tool "drop_tables"\. Available tools: /);
    const huge = call('place_order', { customer: 'x'.repeat(200_000), lines: [] });
    const [tooBig] = await executor.executeAll([huge]);
    expect(tooBig?.content).toContain(
      '(root): arguments are 200026 bytes; the limit is 100000 bytes',
    );
    expect(log.events).toEqual([]);
  });

  it('makes the HTTP request readable in tools, through the middleware or the interceptor', async () => {
    const viaMiddleware = await runOverHttp([call('my_tenant')], 'ada@acme');
    const viaInterceptor = await runOverHttp(
      [call('my_tenant')],
      'bob@initech',
      '/agent/tools-via-interceptor',
    );
    const outside = await executor.executeAll([call('my_tenant')]);
    expect([viaMiddleware, viaInterceptor, outside].map(([r]) => r?.content)).toEqual([
      'acme',
      'initech',
      'anonymous',
    ]);
  });

  it("supports request-scoped tool classes: one instance per HTTP request, sharing the request's providers", async () => {
    SessionTools.created = 0;
    const first = await runOverHttp([call('whoami'), call('whoami')], 'ada@acme');
    const second = await runOverHttp([call('whoami')], 'bob@acme');
    const values = [...first, ...second].map(
      (r) => JSON.parse(r.content) as { user: string; instance: number },
    );
    expect(values).toEqual([
      { user: 'ada', instance: 1 },
      { user: 'ada', instance: 1 },
      { user: 'bob', instance: 2 },
    ]);
    const outside = call('whoami');
    const [alone] = await executor.executeAll([outside]);
    expect(JSON.parse(alone.content)).toEqual({
      user: `no http request (call ${outside.id})`,
      instance: 3,
    });
  });

  it('gives a request-scoped route and its tool calls the same instance', async () => {
    SessionTools.created = 0;
    const response = await request(app.getHttpServer() as App)
      .post('/scoped/tools')
      .set('x-user', 'ada@acme')
      .send({ calls: [call('whoami')] })
      .expect(201);
    const body = response.body as { route: number; results: ToolResult[] };
    expect(JSON.parse(body.results[0].content)).toEqual({ user: 'ada', instance: body.route });
    expect(SessionTools.created).toBe(1);
  });

  it('cancels a tool that outlives its timeout and signals it', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick'] });
    try {
      const pending = executor.execute(call('hang', { gate: 'never' }));
      await jest.advanceTimersByTimeAsync(20);
      expect(await pending).toMatchObject({
        isError: true,
        content: 'Tool "hang" did not finish within 20 ms and was cancelled.',
      });
      expect(log.events).toEqual(['hang:aborted']);
    } finally {
      jest.useRealTimers();
    }
  });

  it('runs the calls of one turn in parallel, or one by one when asked', async () => {
    const parallel = executor.executeAll([
      call('step', { gate: 'p1' }),
      call('step', { gate: 'p2' }),
    ]);
    await settle();
    expect(log.events).toEqual(['start:p1', 'start:p2']);
    log.open('p2');
    log.open('p1');
    expect((await parallel).map((r) => r.content)).toEqual(['p1', 'p2']);

    log.events.length = 0;
    const sequential = executor.executeAll(
      [call('step', { gate: 's1' }), call('step', { gate: 's2' })],
      {
        concurrency: 'sequential',
      },
    );
    await settle();
    expect(log.events).toEqual(['start:s1']);
    log.open('s1');
    await settle();
    expect(log.events).toEqual(['start:s1', 'end:s1', 'start:s2']);
    log.open('s2');
    expect((await sequential).map((r) => r.content)).toEqual(['s1', 's2']);
  });

  it("keeps a tool declared concurrency 'sequential' apart from the rest of a parallel turn", async () => {
    const turn = executor.executeAll([
      call('step', { gate: 'a' }),
      call('exclusive', { gate: 'x' }),
      call('step', { gate: 'b' }),
    ]);
    await settle();
    expect(log.events).toEqual(['start:a']);
    log.open('a');
    await settle();
    expect(log.events).toEqual(['start:a', 'end:a', 'start:x']);
    log.open('x');
    await settle();
    expect(log.events.at(-1)).toBe('start:b');
    log.open('b');
    expect((await turn).map((r) => r.content)).toEqual(['a', 'x', 'b']);
  });
});
