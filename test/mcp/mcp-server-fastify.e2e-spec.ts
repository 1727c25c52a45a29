import { Test } from '@nestjs/testing';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { Client as ClientV1 } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as TransportV1 } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { McpAppModule } from './fixtures/mcp-app.module';

// Child processes and Nest apps boot on a shared CI machine: a ceiling, not a timed assertion.
jest.setTimeout(30_000);

describe('ConduitMcpModule on the Fastify adapter (e2e)', () => {
  let app: NestFastifyApplication;
  let url: URL;

  beforeEach(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [McpAppModule.serving()],
    }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), {
      logger: false,
    });
    await app.listen(0, '127.0.0.1');
    url = new URL(`${await app.getUrl()}/mcp`);
  });

  afterEach(async () => {
    await app.close();
  });

  const requestInit = { headers: { authorization: 'Bearer customer-token' } };

  it('lists and calls the tools with the v2 client (2026-07-28)', async () => {
    const client = new Client(
      { name: 'spec', version: '1' },
      { versionNegotiation: { mode: 'auto' } },
    );
    await client.connect(new StreamableHTTPClientTransport(url, { requestInit }));
    expect(client.getNegotiatedProtocolVersion()).toBe('2026-07-28');
    expect((await client.listTools()).tools).toHaveLength(5);
    const result = await client.callTool({ name: 'get_order', arguments: { orderId: '5' } });
    expect(result.structuredContent).toEqual({ orderId: '5', status: 'shipped', askedBy: 'ada' });
    await client.close();
  });

  it('lists and calls the tools with the 1.x client (2025)', async () => {
    const client = new ClientV1({ name: 'spec-v1', version: '1' });
    await client.connect(new TransportV1(url, { requestInit }));
    const result = await client.callTool({ name: 'get_order', arguments: { orderId: 'x' } });
    expect(result.isError).toBe(true);
    await client.close();
  });

  it('refuses a request without a token with 401', async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer resource_metadata=/);
  });
});
