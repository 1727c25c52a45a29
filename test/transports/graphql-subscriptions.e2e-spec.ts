import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { ReplayServer } from '../support/replay-server';
import { TransportsGraphqlAppModule } from './fixtures/transports-graphql-app.module';

// A Nest app with Apollo boots on a shared CI machine: a ceiling, not a timed assertion.
jest.setTimeout(30_000);

const ANSWER = 'subscription { answer(message: "Hi") }';

describe('a GraphQL subscription with toAsyncIterator() on Apollo and graphql-ws (e2e)', () => {
  let upstream: ReplayServer;
  let app: INestApplication;
  let client: Client;

  beforeEach(async () => {
    upstream = await ReplayServer.start();
    const moduleRef = await Test.createTestingModule({
      imports: [TransportsGraphqlAppModule.withUpstream(upstream.baseUrl)],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    const url = (await app.getUrl()).replace('[::1]', '127.0.0.1').replace(/^http/, 'ws');
    client = createClient({ url: `${url}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
  });

  afterEach(async () => {
    await client.dispose();
    await app.close();
    await upstream.close();
  });

  it('streams every text delta of the answer, then completes', async () => {
    upstream.enqueue({ fixture: 'openai/chat-text.stream.txt', chunkSize: 97 });
    const deltas: string[] = [];
    for await (const result of client.iterate<{ answer: string }>({ query: ANSWER })) {
      expect(result.errors).toBeUndefined();
      deltas.push(result.data?.answer ?? '');
    }
    expect(deltas.length).toBeGreaterThan(3);
    expect(deltas.join('')).not.toBe('');
  });

  it('a client that completes early aborts the upstream call', async () => {
    upstream.enqueue({ fixture: 'openai/chat-text.stream.txt', pauseAfterBytes: 1_500 });
    for await (const result of client.iterate<{ answer: string }>({ query: ANSWER })) {
      expect(typeof result.data?.answer).toBe('string');
      break; // graphql-ws sends `complete`; the server calls return() on the iterator
    }
    const closed = await upstream.waitForClientClose();
    expect(closed.path).toBe('/v1/chat/completions');
  });
});
