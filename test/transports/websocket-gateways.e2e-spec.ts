import type { INestApplication } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { WsAdapter } from '@nestjs/platform-ws';
import { Test } from '@nestjs/testing';
import { ReplayServer } from '../support/replay-server';
import { TransportsAppModule } from './fixtures/transports-app.module';
import { connectSocketIo, connectWs, type GatewayClient } from './gateway-clients';

// Nest apps and 200 sockets on a shared CI machine: a ceiling, not a timed assertion.
jest.setTimeout(60_000);

type Setup = [
  string,
  (app: INestApplication) => IoAdapter | WsAdapter,
  (url: string) => Promise<GatewayClient>,
];

const SETUPS: Setup[] = [
  ['socket.io (@nestjs/platform-socket.io)', (app) => new IoAdapter(app), connectSocketIo],
  ['ws (@nestjs/platform-ws)', (app) => new WsAdapter(app), connectWs],
];

const ERROR_EVENT = {
  event: 'error',
  data: {
    type: 'error',
    error: {
      name: 'AuthenticationError',
      message: 'The model provider failed to answer.',
      code: 'upstream_error',
      isRetryable: false,
    },
  },
};

describe.each(SETUPS)('a chat gateway with toWsEvents() on %s (e2e)', (_name, adapter, connect) => {
  let upstream: ReplayServer;
  let app: INestApplication;
  let url: string;
  let clients: GatewayClient[] = [];

  const client = async (): Promise<GatewayClient> => {
    const connected = await connect(url);
    clients.push(connected);
    return connected;
  };

  beforeEach(async () => {
    upstream = await ReplayServer.start();
    const moduleRef = await Test.createTestingModule({
      imports: [TransportsAppModule.gateway(upstream.baseUrl)],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.useWebSocketAdapter(adapter(app));
    await app.listen(0, '127.0.0.1');
    url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  });

  afterEach(async () => {
    for (const connected of clients) connected.close();
    clients = [];
    await app.close();
    await upstream.close();
  });

  it('sends every event of the stream in order, ending with finish', async () => {
    upstream.enqueue({ fixture: 'openai/chat-text.stream.txt', chunkSize: 97 });
    const chat = await client();
    chat.chat('Hi');
    await chat.waitFor('finish');
    const events = chat.messages.map((m) => m.event);
    expect(events[0]).toBe('start');
    expect(events[events.length - 1]).toBe('finish');
    expect(events.filter((e) => e === 'text-delta').length).toBeGreaterThan(3);
  });

  it('a client that disconnects mid-stream aborts the upstream call', async () => {
    upstream.enqueue({ fixture: 'openai/chat-text.stream.txt', pauseAfterBytes: 1_500 });
    const chat = await client();
    chat.chat('Hi');
    await chat.waitFor('text-delta');
    chat.close();
    const closed = await upstream.waitForClientClose();
    expect(closed.path).toBe('/v1/chat/completions');
  });

  it("without toWsEvents(), the adapter's own unsubscribe on disconnect aborts the upstream call too", async () => {
    upstream.enqueue({ fixture: 'openai/chat-text.stream.txt', pauseAfterBytes: 1_500 });
    const chat = await client();
    chat.chat('Hi', 'chat-plain');
    await chat.waitFor('text-delta');
    chat.close();
    const closed = await upstream.waitForClientClose();
    expect(closed.path).toBe('/v1/chat/completions');
  });

  it('a failing stream ends with a client-safe error event', async () => {
    upstream.enqueue({ fixture: 'openai/error-invalid-api-key.401.json' });
    const chat = await client();
    chat.chat('Hi');
    expect(await chat.waitFor('error')).toEqual(ERROR_EVENT);
    expect(JSON.stringify(chat.messages)).not.toContain('Incorrect API key');
  });

  it('streams the whole answer to each of 200 concurrent clients', async () => {
    upstream.respondWith(() => ({ fixture: 'openai/chat-text.stream.txt', chunkSize: 301 }));
    const many = await Promise.all(Array.from({ length: 200 }, () => client()));
    for (const chat of many) chat.chat('Hi');
    await Promise.all(many.map((chat) => chat.waitFor('finish')));
    const answers = new Set(
      many.map((chat) =>
        chat.messages
          .filter((m) => m.event === 'text-delta')
          .map((m) => (m.data as { delta: string }).delta)
          .join(''),
      ),
    );
    expect(answers.size).toBe(1);
    expect([...answers][0]).not.toBe('');
    expect(upstream.requests).toHaveLength(200);
  });
});
