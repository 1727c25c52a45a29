/**
 * MCP `tools/call` requests per second to a trivial tool: through nestjs-conduit's endpoint
 * (a Nest 11 Express app, ConduitMcpModule, the tool a `@Tool()` method run by ToolExecutor)
 * against the official SDK's `McpServer` served by `createMcpHandler` in a bare Node http server
 * (the SDK's own stateless idiom), in the same run. The official client records one `tools/call`
 * request per revision (2026-07-28, and 2025-11-25 as 1.x clients speak it), which the load loop
 * replays with keep-alive fetch, so the figures are the servers' and not the client's.
 *
 *   npm run bench:mcp
 *
 * Figures are printed, never asserted. The load runs in the same process as both servers, so
 * absolute figures are modest; the ratio is the point (target: within 10 % of the SDK).
 */
import 'reflect-metadata';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { Injectable, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { createMcpHandler, McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { ConduitModule, Tool } from '../lib';
import { ConduitMcpModule } from '../lib/mcp';
import { MockChatModel } from '../lib/testing';

const CONCURRENCY = 16;
const WARMUP_MS = 1_000;
const MEASURE_MS = 4_000;
const ROUNDS = 2;

@Injectable()
class EchoTools {
  @Tool({
    name: 'echo',
    description: 'Echoes a text',
    parameters: {
      type: 'object',
      properties: { text: { type: 'string' } },
      required: ['text'],
      additionalProperties: false,
    },
  })
  echo(args: { text: string }): string {
    return args.text;
  }
}

@Module({
  imports: [
    ConduitModule.forRoot({ models: { default: new MockChatModel() } }),
    ConduitMcpModule.forRoot({ path: '/mcp', name: 'bench', version: '1.0.0' }),
  ],
  providers: [EchoTools],
})
class BenchModule {}

async function startConduit(): Promise<{ url: URL; close: () => Promise<void> }> {
  const app: INestApplication = await NestFactory.create(BenchModule, { logger: false });
  await app.listen(0, '127.0.0.1');
  return { url: new URL(`${await app.getUrl()}/mcp`), close: () => app.close() };
}

async function startSdk(): Promise<{ url: URL; close: () => Promise<void> }> {
  const handler = createMcpHandler(() => {
    const server = new McpServer({ name: 'bench', version: '1.0.0' });
    server.registerTool(
      'echo',
      { description: 'Echoes a text', inputSchema: z.object({ text: z.string() }) },
      ({ text }) => ({ content: [{ type: 'text', text }] }),
    );
    return server;
  });
  const node = toNodeHandler(handler);
  const http: HttpServer = createServer(
    (req, res) => void node(req as Parameters<typeof node>[0], res),
  );
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: new URL(`http://127.0.0.1:${port}/mcp`),
    close: async () => {
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
      await handler.close();
    },
  };
}

/** One recorded `tools/call` request: what the official client sends for this revision. */
interface RecordedCall {
  readonly headers: Record<string, string>;
  readonly body: string;
}

/**
 * Connects the official client once and records the HTTP request of one `echo` call, so the load
 * loop replays those exact bytes: the client's own work (envelopes, schema checks) stays out of
 * the figures, which then measure the servers.
 */
async function record(url: URL, mode: 'auto' | 'legacy'): Promise<RecordedCall> {
  let recorded: RecordedCall | undefined;
  const recording: typeof fetch = async (input, init) => {
    const body = typeof init?.body === 'string' ? init.body : '';
    if (body.includes('"tools/call"')) {
      recorded = { headers: Object.fromEntries(new Headers(init?.headers).entries()), body };
    }
    return fetch(input, init);
  };
  const client = new Client({ name: 'bench', version: '1' }, { versionNegotiation: { mode } });
  await client.connect(new StreamableHTTPClientTransport(url, { fetch: recording }));
  await client.callTool({ name: 'echo', arguments: { text: 'hi' } });
  await client.close();
  if (recorded === undefined) throw new Error('no tools/call request was recorded');
  return recorded;
}

/** Replays the recorded call from CONCURRENCY loops for `ms`; returns the calls per second. */
async function load(url: URL, call: RecordedCall, ms: number): Promise<number> {
  const until = performance.now() + ms;
  let calls = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until) {
        const response = await fetch(url, {
          method: 'POST',
          headers: call.headers,
          body: call.body,
        });
        const text = await response.text();
        if (
          response.status !== 200 ||
          !text.includes('"result"') ||
          text.includes('"isError":true')
        ) {
          throw new Error(`echo failed: ${response.status} ${text.slice(0, 300)}`);
        }
        calls += 1;
      }
    }),
  );
  return calls / ((performance.now() - started) / 1_000);
}

async function main(): Promise<void> {
  const servers = { 'nestjs-conduit': await startConduit(), 'SDK McpServer': await startSdk() };
  console.log(
    `MCP tools/call req/s, ${CONCURRENCY} concurrent requests, best of ${ROUNDS} x ${MEASURE_MS / 1000} s (Node ${process.version}, load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores)`,
  );
  console.log(['revision', 'nestjs-conduit', 'SDK McpServer', 'conduit / SDK'].join('\t'));
  for (const mode of ['auto', 'legacy'] as const) {
    const best: Record<string, number> = { 'nestjs-conduit': 0, 'SDK McpServer': 0 };
    for (let round = 0; round < ROUNDS; round += 1) {
      // Alternate the order so neither side always runs on a warmer process.
      const order = round % 2 === 0 ? Object.keys(servers) : Object.keys(servers).reverse();
      for (const name of order) {
        const { url } = servers[name as keyof typeof servers];
        const call = await record(url, mode);
        await load(url, call, WARMUP_MS);
        best[name] = Math.max(best[name] ?? 0, await load(url, call, MEASURE_MS));
      }
    }
    const ours = best['nestjs-conduit'] ?? 0;
    const sdk = best['SDK McpServer'] ?? 0;
    const revision = mode === 'auto' ? '2026-07-28' : '2025-11-25';
    console.log(
      [revision, ours.toFixed(0), sdk.toFixed(0), `${((ours / sdk) * 100).toFixed(1)} %`].join(
        '\t',
      ),
    );
  }
  for (const server of Object.values(servers)) await server.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
