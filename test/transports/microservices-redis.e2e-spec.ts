import type { INestMicroservice } from '@nestjs/common';
import { ClientProxyFactory, Transport, type ClientProxy } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import type { StreamEvent } from 'nestjs-conduit';
import { lastValueFrom, toArray } from 'rxjs';
import { OpenAIChatModel } from '../../lib/providers/openai/openai-chat-model';
import { startRedisServer, type RedisServer } from '../support/redis-server';
import { ReplayServer } from '../support/replay-server';
import { TransportsRpcAppModule } from './fixtures/transports-rpc-app.module';

// A Redis server and a Nest microservice boot on a shared CI machine: a ceiling, not a timing.
jest.setTimeout(30_000);

describe('a @MessagePattern handler returning the stream over the Redis transport (e2e)', () => {
  let redis: RedisServer;
  let upstream: ReplayServer;
  let microservice: INestMicroservice;
  let client: ClientProxy;

  beforeAll(async () => {
    redis = await startRedisServer();
  });

  afterAll(async () => {
    await redis.stop();
  });

  beforeEach(async () => {
    upstream = await ReplayServer.start();
    const options = { host: '127.0.0.1', port: redis.port };
    const moduleRef = await Test.createTestingModule({
      imports: [TransportsRpcAppModule.withUpstream(upstream.baseUrl)],
    }).compile();
    microservice = moduleRef.createNestMicroservice({ transport: Transport.REDIS, options });
    microservice.useLogger(false);
    await microservice.listen();
    client = ClientProxyFactory.create({ transport: Transport.REDIS, options });
    await client.connect();
  });

  afterEach(async () => {
    await client.close();
    await microservice.close();
    await upstream.close();
  });

  it('the requesting side receives every event, in order, as the model sent them', async () => {
    upstream.enqueue({ fixture: 'openai/chat-text.stream.txt', chunkSize: 97 });
    const received = await lastValueFrom(
      client.send<StreamEvent, string>('chat.stream', 'Hi').pipe(toArray()),
    );

    // The same recording consumed in-process: what went over Redis must be exactly this.
    upstream.enqueue({ fixture: 'openai/chat-text.stream.txt', chunkSize: 97 });
    const model = new OpenAIChatModel({
      model: 'gpt-4o',
      apiKey: 'sk-test',
      baseUrl: upstream.baseUrl,
    });
    const direct = await lastValueFrom(
      model.stream({ messages: [{ role: 'user', content: 'Hi' }] }).pipe(toArray()),
    );
    expect(received.map((e) => e.type)).toEqual(direct.map((e) => e.type));
    expect(received).toEqual(JSON.parse(JSON.stringify(direct)));
  });

  it("a failed call reaches the requester as Nest's generic RPC error, without the provider's text", async () => {
    upstream.enqueue({ fixture: 'openai/error-invalid-api-key.401.json' });
    const failure = await lastValueFrom(
      client.send<StreamEvent, string>('chat.stream', 'Hi').pipe(toArray()),
    ).catch((error: unknown) => error);
    expect(failure).toEqual({ status: 'error', message: 'Internal server error' });
  });
});
