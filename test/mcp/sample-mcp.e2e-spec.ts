import { execFileSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import request from 'supertest';
import { UNITS_SERVER_FILE } from '../../sample/mcp/units-mcp-server';
import { startSampleApp } from '../sample/sample-app';

/** The command lines of this process's children that run the sample's stdio MCP server. */
function unitsServerChildren(): string[] {
  const lines = execFileSync('ps', ['-o', 'args=', '--ppid', String(process.pid)], {
    encoding: 'utf8',
  }).split('\n');
  return lines.filter((line) => line.includes(UNITS_SERVER_FILE));
}

/** Polls until `check` holds; the stdio child gets its signal at close, and exits just after. */
async function eventually(check: () => boolean): Promise<boolean> {
  for (let attempt = 0; attempt < 50 && !check(); attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return check();
}

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

describe('sample app: the unit converter MCP server over stdio, for its agent', () => {
  it('lists units__convert among the agent tools, marked as an MCP tool', async () => {
    const { app, http } = await startSampleApp();
    try {
      const res = await request(http).get('/agent/tools').expect(200);
      expect(res.body).toEqual([
        { name: 'get_weather', description: expect.any(String), origin: 'local' },
        { name: 'calculate', description: expect.any(String), origin: 'local' },
        { name: 'get_order_status', description: expect.any(String), origin: 'local' },
        {
          name: 'units__convert',
          description: expect.stringContaining('Converts a value between units'),
          origin: 'mcp',
        },
      ]);
    } finally {
      await app.close();
    }
  });

  it('POST /agent converts through the stdio server, then the child exits at app.close()', async () => {
    const { app, http } = await startSampleApp();
    let closed = false;
    try {
      expect(unitsServerChildren()).toHaveLength(1);
      const res = await request(http)
        .post('/agent')
        .send({ message: 'Convert 10 km to miles' })
        .expect(200);

      expect(res.body.toolCalls).toEqual([
        {
          name: 'units__convert',
          arguments: { value: 10, from: 'km', to: 'mi' },
          result: '10 km = 6.214 mi',
          isError: false,
        },
      ]);
      expect(res.body.text).toBe('[local demo model] units__convert answered: 10 km = 6.214 mi');

      await app.close();
      closed = true;
      await expect(eventually(() => unitsServerChildren().length === 0)).resolves.toBe(true);
    } finally {
      if (!closed) await app.close();
    }
  });

  it('POST /agent gets the remote error result of an impossible conversion', async () => {
    const { app, http } = await startSampleApp();
    try {
      const res = await request(http)
        .post('/agent')
        .send({ message: 'Convert 3 kg to feet' })
        .expect(200);

      expect(res.body.toolCalls).toEqual([
        {
          name: 'units__convert',
          arguments: { value: 3, from: 'kg', to: 'ft' },
          result: expect.stringContaining('Cannot convert kg (mass) to ft (length)'),
          isError: true,
        },
      ]);
    } finally {
      await app.close();
    }
  });
});
