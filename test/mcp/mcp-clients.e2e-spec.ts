import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Logger, Module, type DynamicModule, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { createMcpHandler } from '@modelcontextprotocol/server';
import { toNodeHandler } from '@modelcontextprotocol/node';
import {
  AgentService,
  ConduitModule,
  ToolExecutor,
  ToolRegistry,
  type ToolCall,
} from 'nestjs-conduit';
import {
  ConduitMcpModule,
  McpConnectionError,
  type ConduitMcpModuleOptions,
} from 'nestjs-conduit/mcp';
import { MockChatModel, MockResponses, type MockChatModelOptions } from 'nestjs-conduit/testing';

type Script = NonNullable<MockChatModelOptions['responses']>;
import { McpServer as McpServerV1 } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { z } from 'zod';
import { createWeatherServer } from './fixtures/weather-server';

// Child processes and Nest apps boot on a shared CI machine: a ceiling, not a timed assertion.
jest.setTimeout(30_000);

const STDIO_SERVER = join(__dirname, 'fixtures', 'weather-server.stdio.mjs');

@Module({})
class ClientAppModule {
  static with(mcp: ConduitMcpModuleOptions, responses: Script = []): DynamicModule {
    return {
      module: ClientAppModule,
      imports: [
        ConduitModule.forRoot({ models: { default: new MockChatModel({ responses }) } }),
        ConduitMcpModule.forRoot(mcp),
      ],
    };
  }
}

async function startApp(
  mcp: ConduitMcpModuleOptions,
  responses: Script = [],
): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [ClientAppModule.with(mcp, responses)],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  return app;
}

let ids = 0;
function call(name: string, args: Record<string, unknown> = {}): ToolCall {
  ids += 1;
  return { id: `call_${ids}`, name, arguments: args, rawArguments: JSON.stringify(args) };
}

/** Listens on 127.0.0.1 and resolves with the base URL. */
async function listen(server: HttpServer): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('MCP clients: the tools of an official-SDK server over stdio', () => {
  let app: INestApplication;

  afterEach(async () => {
    await app?.close();
  });

  it('registers the remote tools as weather__<name> and calls them', async () => {
    app = await startApp({
      clients: { weather: { command: process.execPath, args: [STDIO_SERVER] } },
    });
    const registry = app.get(ToolRegistry);
    expect(registry.get('weather__get_forecast')).toMatchObject({
      description: 'The forecast for a city',
      source: { label: 'mcp:weather/get_forecast' },
      schema: { type: 'object', properties: { city: { type: 'string' } } },
    });
    const result = await app
      .get(ToolExecutor)
      .execute(call('weather__get_forecast', { city: 'Oslo', days: 2 }));
    expect(result).toMatchObject({ isError: false, content: 'Sunny in Oslo for 2 day(s)' });
  });

  it('validates the arguments against the remote schema before calling', async () => {
    app = await startApp({
      clients: { weather: { command: process.execPath, args: [STDIO_SERVER] } },
    });
    const result = await app
      .get(ToolExecutor)
      .execute(call('weather__get_forecast', { days: 'two' }));
    expect(result.isError).toBe(true);
    expect(result.content).toMatch(/Invalid arguments for tool "weather__get_forecast"/);
    expect(result.content).toMatch(/city/);
  });

  it('lets an agent use a remote tool like a @Tool()', async () => {
    app = await startApp(
      { clients: { weather: { command: process.execPath, args: [STDIO_SERVER] } } },
      [MockResponses.toolCall('weather__get_forecast', { city: 'Lima' }), 'It is sunny in Lima.'],
    );
    const result = await app.get(AgentService).run({ prompt: 'Weather in Lima?' });
    expect(result.text).toBe('It is sunny in Lima.');
    expect(JSON.stringify(result.messages)).toContain('Sunny in Lima for 1 day(s)');
  });

  it('refreshes the registry when the server announces tools/list_changed', async () => {
    app = await startApp({
      clients: { weather: { command: process.execPath, args: [STDIO_SERVER], prefix: 'wx' } },
    });
    const registry = app.get(ToolRegistry);
    expect(registry.has('wx__radar')).toBe(false);
    await app.get(ToolExecutor).execute(call('wx__add_radar'));
    await new Promise<void>((resolve) => {
      const poll = (): void => (registry.has('wx__radar') ? resolve() : void setTimeout(poll, 20));
      poll();
    });
    const radar = await app.get(ToolExecutor).execute(call('wx__radar'));
    expect(radar.content).toBe('https://radar.example/now.png');
  });

  it('reconnects a server whose process exited, and its tools work again', async () => {
    const logged: string[] = [];
    jest.spyOn(Logger.prototype, 'log').mockImplementation((message: unknown) => {
      logged.push(String(message));
    });
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    app = await startApp({
      clients: {
        weather: {
          command: process.execPath,
          args: [STDIO_SERVER],
          reconnect: { initialDelayMs: 10 },
        },
      },
    });
    const executor = app.get(ToolExecutor);
    await executor.execute(call('weather__crash'));
    await new Promise<void>((resolve) => {
      const poll = (): void =>
        logged.includes('MCP server "weather" reconnected') ? resolve() : void setTimeout(poll, 20);
      poll();
    });
    const result = await executor.execute(call('weather__get_forecast', { city: 'Bergen' }));
    expect(result).toMatchObject({ isError: false, content: 'Sunny in Bergen for 1 day(s)' });
  });

  it('removes the remote tools at shutdown', async () => {
    app = await startApp({
      clients: { weather: { command: process.execPath, args: [STDIO_SERVER] } },
    });
    const registry = app.get(ToolRegistry);
    await app.close();
    expect(registry.list().filter((tool) => tool.name.startsWith('weather__'))).toEqual([]);
  });
});

describe('MCP clients: the tools of an official-SDK server over Streamable HTTP', () => {
  let app: INestApplication | undefined;
  let server: HttpServer;
  let url: string;
  let cancelled: () => void;
  let hangCancelled: Promise<void>;
  let started: () => void;
  let hangStarted: Promise<void>;

  beforeEach(async () => {
    hangCancelled = new Promise((resolve) => (cancelled = resolve));
    hangStarted = new Promise((resolve) => (started = resolve));
    const handler = createMcpHandler(() =>
      createWeatherServer(
        () => cancelled(),
        () => started(),
      ),
    );
    const node = toNodeHandler(handler);
    server = createServer((req, res) => {
      if (req.headers.authorization !== 'Bearer weather-key') {
        res.writeHead(401).end();
        return;
      }
      // IncomingMessage types its optional fields `| undefined`; the SDK's structural type does not.
      void node(req as Parameters<typeof node>[0], res);
    });
    url = `${await listen(server)}/mcp`;
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const weather = (extra: Partial<ConduitMcpModuleOptions['clients'] & object> = {}) => ({
    clients: { weather: { url, headers: { authorization: 'Bearer weather-key' } }, ...extra },
  });

  it('calls remote tools; error results and structured content come through', async () => {
    app = await startApp(weather());
    const executor = app.get(ToolExecutor);
    expect(await executor.execute(call('weather__get_forecast', { city: 'Rome' }))).toMatchObject({
      isError: false,
      content: 'Sunny in Rome for 1 day(s)',
    });
    expect(await executor.execute(call('weather__station_status'))).toMatchObject({
      isError: false,
      value: { up: true },
    });
    expect(await executor.execute(call('weather__fail'))).toMatchObject({
      isError: true,
      content: 'Tool "weather__fail" failed: Station offline',
    });
  });

  it('cancels the remote call when the tool times out', async () => {
    app = await startApp({
      clients: {
        weather: {
          url,
          headers: { authorization: 'Bearer weather-key' },
          tools: { hang: { timeoutMs: 50 } },
        },
      },
    });
    const result = await app.get(ToolExecutor).execute(call('weather__hang'));
    expect(result).toMatchObject({ isError: true });
    expect(result.content).toMatch(/did not finish within 50 ms/);
    await hangCancelled;
  });

  it('cancels the remote call when the caller aborts', async () => {
    app = await startApp(weather());
    const controller = new AbortController();
    const pending = app
      .get(ToolExecutor)
      .execute(call('weather__hang'), { signal: controller.signal });
    await hangStarted;
    controller.abort();
    await expect(pending).rejects.toThrow();
    await hangCancelled;
  });

  it('fails the bootstrap with McpConnectionError when a server refuses, without its headers', async () => {
    const failing = startApp({
      clients: { weather: { url, headers: { authorization: 'Bearer wrong-secret-key' } } },
    });
    const error = await failing.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(McpConnectionError);
    expect((error as McpConnectionError).message).toContain(
      `MCP server "weather" (${url}) could not be connected`,
    );
    expect((error as McpConnectionError).message).not.toContain('wrong-secret-key');
  });

  it('with onConnectError: warn, starts without the tools of a server that is down', async () => {
    const down = createServer();
    const downUrl = await listen(down);
    await new Promise((resolve) => down.close(resolve));
    app = await startApp({
      onConnectError: 'warn',
      clients: { weather: { url }, gone: { url: `${downUrl}/mcp` } },
    });
    // weather refused too (no token): both are skipped, the app runs.
    expect(
      app
        .get(ToolRegistry)
        .list()
        .filter((tool) => tool.source.label.startsWith('mcp:')),
    ).toEqual([]);
  });

  it('reports a server answering a non-MCP body with McpConnectionError', async () => {
    const html = createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html>hi</html>'),
    );
    const htmlUrl = await listen(html);
    try {
      await expect(
        startApp({ clients: { site: { url: `${htmlUrl}/mcp` } } }),
      ).rejects.toBeInstanceOf(McpConnectionError);
    } finally {
      html.closeAllConnections();
      await new Promise((resolve) => html.close(resolve));
    }
  });

  it('reports a server that never answers with McpConnectionError after connectTimeoutMs', async () => {
    const silent = createServer(() => undefined);
    const silentUrl = await listen(silent);
    try {
      const error = await startApp({
        clients: { silent: { url: `${silentUrl}/mcp`, connectTimeoutMs: 200 } },
      }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(McpConnectionError);
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});

describe('MCP clients: a 2024-11-05 server on the HTTP+SSE transport (official 1.x SDK)', () => {
  it('falls back to HTTP+SSE when the server refuses the Streamable HTTP POST', async () => {
    const transports = new Map<string, SSEServerTransport>();
    const seenAuth: (string | undefined)[] = [];
    const legacy = createServer((req, res) => {
      seenAuth.push(req.headers.authorization);
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (req.method === 'GET' && url.pathname === '/sse') {
        const transport = new SSEServerTransport('/messages', res);
        transports.set(transport.sessionId, transport);
        const server = new McpServerV1({ name: 'legacy', version: '0.9.0' });
        server.registerTool(
          'ping',
          { description: 'Answers pong', inputSchema: { text: z.string() } },
          ({ text }) => ({ content: [{ type: 'text', text: `pong ${text}` }] }),
        );
        void server.connect(transport);
        return;
      }
      const transport = transports.get(url.searchParams.get('sessionId') ?? '');
      if (req.method === 'POST' && url.pathname === '/messages' && transport !== undefined) {
        void transport.handlePostMessage(req, res);
        return;
      }
      res.writeHead(405).end();
    });
    const base = await listen(legacy);
    let app: INestApplication | undefined;
    try {
      app = await startApp({
        clients: { old: { url: `${base}/sse`, headers: { authorization: 'Bearer old-key' } } },
      });
      const result = await app.get(ToolExecutor).execute(call('old__ping', { text: 'hi' }));
      expect(result).toMatchObject({ isError: false, content: 'pong hi' });
      expect(new Set(seenAuth)).toEqual(new Set(['Bearer old-key']));
    } finally {
      await app?.close();
      legacy.closeAllConnections();
      await new Promise((resolve) => legacy.close(resolve));
    }
  });
});
