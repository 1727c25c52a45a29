import { Logger, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { Client as ClientV1 } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as TransportV1 } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { McpAppModule } from './fixtures/mcp-app.module';
import { ShopLog } from './fixtures/shop.tools';

// Child processes and Nest apps boot on a shared CI machine: a ceiling, not a timed assertion.
jest.setTimeout(30_000);

async function startApp(
  options: Parameters<typeof McpAppModule.serving>[0] = {},
): Promise<{ app: INestApplication; url: URL }> {
  const moduleRef = await Test.createTestingModule({
    imports: [McpAppModule.serving(options)],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.listen(0, '127.0.0.1');
  return { app, url: new URL(`${await app.getUrl()}/mcp`) };
}

const REINDEX_PROGRESS = [1, 2, 3].map((done) => ({
  progress: done,
  total: 3,
  message: `part ${done}`,
}));

const headers = (token = 'customer-token') => ({ authorization: `Bearer ${token}` });

/** The official v2 client, negotiating: 2026-07-28 with our server. */
async function connectV2(url: URL, token?: string): Promise<Client> {
  const client = new Client(
    { name: 'spec', version: '1' },
    { versionNegotiation: { mode: 'auto' } },
  );
  await client.connect(
    new StreamableHTTPClientTransport(url, { requestInit: { headers: headers(token) } }),
  );
  return client;
}

/** The official 1.x client, as most clients in the field: the 2025 `initialize` handshake. */
async function connectV1(url: URL, token?: string): Promise<ClientV1> {
  const client = new ClientV1({ name: 'spec-v1', version: '1' });
  await client.connect(new TransportV1(url, { requestInit: { headers: headers(token) } }));
  return client;
}

describe('ConduitMcpModule serving @Tool() methods (e2e, official SDK clients)', () => {
  let app: INestApplication;
  let url: URL;
  const clients: { close(): Promise<void> }[] = [];

  beforeEach(async () => {
    ({ app, url } = await startApp());
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
    await app.close();
  });

  async function v2(token?: string): Promise<Client> {
    const client = await connectV2(url, token);
    clients.push(client);
    return client;
  }

  async function v1(token?: string): Promise<ClientV1> {
    const client = await connectV1(url, token);
    clients.push(client);
    return client;
  }

  it('negotiates 2026-07-28 with the v2 client and 2025-11-25 with the 1.x client', async () => {
    const modern = await v2();
    const legacy = await v1();
    expect(modern.getNegotiatedProtocolVersion()).toBe('2026-07-28');
    expect(legacy.getServerVersion()).toMatchObject({ name: 'shop', version: '1.2.3' });
    expect(modern.getServerVersion()).toMatchObject({ name: 'shop', version: '1.2.3' });
  });

  it.each([
    ['v2', () => v2()],
    ['1.x', () => v1()],
  ])('lists every tool with the JSON Schema the agents see (%s client)', async (_, connect) => {
    const client = await connect();
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([
      'broken',
      'get_order',
      'refund',
      'reindex',
      'slow',
    ]);
    expect(tools.find((tool) => tool.name === 'get_order')).toMatchObject({
      description: 'Where a customer order is',
      inputSchema: {
        type: 'object',
        properties: {
          orderId: {
            type: 'string',
            description: 'The order number, digits only',
            pattern: '^\\d{1,10}$',
          },
        },
        required: ['orderId'],
        additionalProperties: false,
      },
    });
  });

  it.each([
    ['v2', () => v2()],
    ['1.x', () => v1()],
  ])('calls a tool with the HTTP request user in its context (%s client)', async (_, connect) => {
    const client = await connect();
    const result = await client.callTool({ name: 'get_order', arguments: { orderId: '42' } });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({ orderId: '42', status: 'shipped', askedBy: 'ada' });
    expect(result.content).toEqual([
      { type: 'text', text: JSON.stringify({ orderId: '42', status: 'shipped', askedBy: 'ada' }) },
    ]);
  });

  it('sends the progress a long tool reports (v2 client)', async () => {
    const client = await v2();
    const progress: unknown[] = [];
    const result = await client.callTool(
      { name: 'reindex', arguments: {} },
      { onprogress: (event) => void progress.push(event) },
    );
    expect(result.structuredContent).toEqual({ indexed: 3 });
    expect(progress).toEqual(REINDEX_PROGRESS);
  });

  it('sends the progress a long tool reports (1.x client)', async () => {
    const client = await v1();
    const progress: unknown[] = [];
    // The 1.x signature: params, result schema, options.
    const result = await client.callTool({ name: 'reindex', arguments: {} }, undefined, {
      onprogress: (event) => void progress.push(event),
    });
    expect(result.structuredContent).toEqual({ indexed: 3 });
    expect(progress).toEqual(REINDEX_PROGRESS);
  });

  it.each([
    ['v2', () => v2()],
    ['1.x', () => v1()],
  ])('lists and reads the @Resource() methods (%s client)', async (_, connect) => {
    const client = await connect();
    const { resources } = await client.listResources();
    expect(resources).toEqual(
      expect.arrayContaining([
        {
          uri: 'shop://policies/returns',
          name: 'returnsPolicy',
          description: 'The returns policy',
          mimeType: 'text/plain',
        },
      ]),
    );
    const read = await client.readResource({ uri: 'shop://policies/returns' });
    expect(read.contents).toEqual([
      {
        uri: 'shop://policies/returns',
        mimeType: 'text/plain',
        text: 'Items can be returned within 30 days.',
      },
    ]);
    const me = await client.readResource({ uri: 'shop://me' });
    expect(me.contents).toEqual([
      { uri: 'shop://me', mimeType: 'application/json', text: '{"id":"ada"}' },
    ]);
  });

  it('answers a resource that throws or does not exist with JSON-RPC errors, no secret in them', async () => {
    const warnings: string[] = [];
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => {
      warnings.push(String(message));
    });
    const client = await v2();
    const broken = await client
      .readResource({ uri: 'shop://broken' })
      .catch((error: unknown) => error);
    expect(warnings.join('\n')).toContain(
      'Reading the resource "shop://broken" (ShopDocs.broken) failed',
    );
    expect(warnings.join('\n')).not.toContain('hunter2');
    expect(String(broken)).toContain('Reading the resource "shop://broken" failed.');
    expect(String(broken)).not.toContain('hunter2');
    await expect(client.readResource({ uri: 'shop://nothing' })).rejects.toThrow(
      /Unknown resource/,
    );
  });

  it.each([
    ['v2', () => v2()],
    ['1.x', () => v1()],
  ])('lists and fills in the @Prompt() templates (%s client)', async (_, connect) => {
    const client = await connect();
    const { prompts } = await client.listPrompts();
    expect(prompts).toEqual([
      {
        name: 'order_help',
        description: 'Ask about an order',
        arguments: [{ name: 'orderId', description: 'The order number', required: true }],
      },
    ]);
    const prompt = await client.getPrompt({ name: 'order_help', arguments: { orderId: '42' } });
    expect(prompt.messages).toEqual([
      { role: 'user', content: { type: 'text', text: 'Where is my order 42?' } },
      { role: 'assistant', content: { type: 'text', text: 'Let me look it up.' } },
    ]);
    await expect(client.getPrompt({ name: 'order_help', arguments: {} })).rejects.toThrow(
      /needs the arguments: orderId/,
    );
  });

  it('answers invalid arguments with a tool error result listing each problem', async () => {
    const client = await v2();
    const result = await client.callTool({
      name: 'get_order',
      arguments: { orderId: 'DROP TABLE' },
    });
    expect(result.isError).toBe(true);
    expect(result.content).toEqual([
      {
        type: 'text',
        text: expect.stringMatching(/Invalid arguments for tool "get_order":\n {2}- orderId: /),
      },
    ]);
  });

  it('answers a tool that throws with the safe message, no secret in it', async () => {
    const client = await v1();
    const result = await client.callTool({ name: 'broken', arguments: {} });
    expect(result.isError).toBe(true);
    const text = JSON.stringify(result.content);
    expect(text).toContain('Tool \\"broken\\" failed (Error). The error details were withheld.');
    expect(text).not.toContain('hunter2');
  });

  it('runs the tool guards with the request user: refused for a customer, allowed for an admin', async () => {
    const customer = await v2('customer-token');
    const refused = await customer.callTool({ name: 'refund', arguments: { orderId: '7' } });
    expect(refused.isError).toBe(true);
    expect(JSON.stringify(refused.content)).toContain(
      'Tool \\"refund\\" is not allowed: Admins only',
    );
    const admin = await v2('admin-token');
    const allowed = await admin.callTool({ name: 'refund', arguments: { orderId: '7' } });
    expect(allowed.structuredContent).toEqual({ refunded: '7' });
  });

  it('refuses every MCP request without a token with 401 (the route guard)', async () => {
    const client = new Client(
      { name: 'anonymous', version: '1' },
      { versionNegotiation: { mode: 'auto' } },
    );
    await expect(client.connect(new StreamableHTTPClientTransport(url))).rejects.toThrow();
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }),
    });
    expect(response.status).toBe(401);
    const challenge = response.headers.get('www-authenticate') ?? '';
    expect(challenge).toMatch(
      /^Bearer resource_metadata="http:\/\/127\.0\.0\.1:\d+\/\.well-known\/oauth-protected-resource\/mcp"$/,
    );
    const metadataUrl = /resource_metadata="([^"]+)"/.exec(challenge)?.[1] ?? '';
    const metadata = await fetch(metadataUrl);
    expect(await metadata.json()).toMatchObject({
      authorization_servers: ['https://auth.example.com'],
    });
  });

  it('refuses a browser Origin of another site with 403 (DNS rebinding protection)', async () => {
    const post = (origin: string) =>
      fetch(url, {
        method: 'POST',
        headers: {
          ...headers(),
          origin,
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
        },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }),
      });
    expect((await post('http://evil.example')).status).toBe(403);
    expect((await post(url.origin)).status).not.toBe(403);
  });

  it('answers an unknown tool with a JSON-RPC invalid-params error', async () => {
    const client = await v2();
    await expect(client.callTool({ name: 'drop_tables', arguments: {} })).rejects.toThrow(
      /Unknown tool: "drop_tables"/,
    );
  });

  it('cancels the running tool when the client aborts its call', async () => {
    const client = await v2();
    const log = app.get(ShopLog);
    const controller = new AbortController();
    const pending = client.callTool({ name: 'slow', arguments: {} }, { signal: controller.signal });
    await log.slowStarted;
    controller.abort();
    await expect(pending).rejects.toThrow();
    await new Promise<void>((resolve) => {
      const poll = (): void =>
        log.events.includes('slow aborted') ? resolve() : void setImmediate(poll);
      poll();
    });
    expect(log.events).toContain('slow aborted');
  });

  it('answers malformed JSON-RPC with an error, and keeps serving', async () => {
    const post = (body: string) =>
      fetch(url, {
        method: 'POST',
        headers: {
          ...headers(),
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
        },
        body,
      });
    const notJson = await post('{"jsonrpc": "2.0", "id": 1, "method": ');
    expect(notJson.status).toBeGreaterThanOrEqual(400);
    expect(notJson.status).toBeLessThan(500);
    const notRpc = await post(JSON.stringify({ hello: 'world' }));
    expect(notRpc.status).toBeGreaterThanOrEqual(400);
    expect(notRpc.status).toBeLessThan(500);
    const client = await v2();
    expect((await client.listTools()).tools).toHaveLength(5);
  });

  it('refuses oversized arguments without running the tool', async () => {
    const client = await v2();
    // Over the executor's maxArgumentsBytes (100 000), under the body parser's limit (100 KiB).
    const result = await client.callTool({
      name: 'get_order',
      arguments: { orderId: '1', padding: 'x'.repeat(100_500) },
    });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toMatch(/Invalid arguments for tool .*100000/);
  });

  it('refuses a request body over the HTTP limit with 413', async () => {
    const client = await v2();
    const error = await client
      .callTool({ name: 'get_order', arguments: { orderId: '1', padding: 'x'.repeat(5_000_000) } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain('413');
  });
});

describe('ConduitMcpModule stateless (two replicas behind one URL)', () => {
  it('lets any replica answer any request of one client', async () => {
    const a = await startApp();
    const b = await startApp();
    let turn = 0;
    // A round-robin "load balancer": every request of the client goes to the next replica.
    const balancer: typeof fetch = (input, init) => {
      turn += 1;
      const target = turn % 2 === 0 ? a.url : b.url;
      const original = new URL(input instanceof Request ? input.url : String(input));
      return fetch(new URL(original.pathname, target), init);
    };
    const seen: string[] = [];
    const counting: typeof fetch = (input, init) => {
      seen.push(String(turn % 2));
      return balancer(input, init);
    };
    for (const mode of ['auto', 'legacy'] as const) {
      const client = new Client({ name: 'lb', version: '1' }, { versionNegotiation: { mode } });
      await client.connect(
        new StreamableHTTPClientTransport(a.url, {
          fetch: counting,
          requestInit: { headers: headers() },
        }),
      );
      const { tools } = await client.listTools();
      expect(tools).toHaveLength(5);
      const result = await client.callTool({ name: 'get_order', arguments: { orderId: '9' } });
      expect(result.structuredContent).toMatchObject({ orderId: '9' });
      await client.close();
    }
    expect(new Set(seen).size).toBe(2);
    await a.app.close();
    await b.app.close();
  });
});
