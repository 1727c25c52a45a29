import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { startSampleApp } from '../sample/sample-app';

// Child processes and Nest apps boot on a shared CI machine: a ceiling, not a timed assertion.
jest.setTimeout(30_000);

describe('sample app: its demo tools at /mcp', () => {
  let app: INestApplication;

  afterEach(async () => {
    await app.close();
  });

  it('lists the agent tools and answers a call, for the official MCP client', async () => {
    const started = await startSampleApp();
    app = started.app;
    await new Promise<void>((resolve) => started.http.listen(0, '127.0.0.1', resolve));
    const { port } = started.http.address() as AddressInfo;
    const client = new Client(
      { name: 'spec', version: '1' },
      { versionNegotiation: { mode: 'auto' } },
    );
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}/mcp`)),
    );
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([
      'calculate',
      'get_order_status',
      'get_weather',
    ]);
    const result = await client.callTool({
      name: 'calculate',
      arguments: { a: 6, operator: '*', b: 7 },
    });
    expect(result.structuredContent).toEqual({ result: 42 });
    await client.close();
  });
});
