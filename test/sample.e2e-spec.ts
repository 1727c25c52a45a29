import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { getChatModelToken, type StreamEvent } from 'nestjs-conduit';
import { MockChatModel, MockResponses } from 'nestjs-conduit/testing';
import request from 'supertest';
import { AppModule } from '../sample/app.module';
import { chooseChatModel } from '../sample/choose-chat-model';
import { SAMPLE_ADAPTERS } from '../sample/http/sample-http-adapter';
import { readFixture } from './support/fixtures';
import { ReplayServer } from './support/replay-server';
import { startSampleApp } from './sample/sample-app';

/** One parsed SSE frame: its field lines in order. */
interface SseFrame {
  readonly fields: readonly (readonly [name: string, value: string])[];
}

/** Splits an SSE body on blank lines and each frame into `name: value` field lines. */
function parseSse(body: string): SseFrame[] {
  expect(body.endsWith('\n\n')).toBe(true);
  // Nest writes one bare newline right after the headers; for SSE clients it is an empty no-op line.
  return body
    .replace(/^\n+/, '')
    .slice(0, -2)
    .split('\n\n')
    .map((frame) => ({
      fields: frame.split('\n').map((line) => {
        const match = /^([a-z]+): (.*)$/.exec(line);
        if (!match) throw new Error(`not an SSE field line: ${JSON.stringify(line)}`);
        return [match[1], match[2]] as const;
      }),
    }));
}

/**
 * Reads the whole response body as text: superagent does not buffer `text/event-stream` itself.
 * (Its typings call the first argument a Response; at run time it is the Node response stream.)
 */
function readText(res: request.Response, done: (error: Error | null, body: string) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  let body = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => (body += chunk));
  stream.on('end', () => done(null, body));
}

// The same routes, answers and SSE frames on both HTTP platforms the sample starts on.
describe.each(SAMPLE_ADAPTERS)('sample app on %s (local demo model)', (adapter) => {
  let app: INestApplication;
  let http: Server;
  let model: MockChatModel;

  beforeEach(async () => {
    ({ app, http } = await startSampleApp({}, adapter));
    model = app.get<MockChatModel>(getChatModelToken('default'));
  });

  afterEach(async () => {
    await app.close();
  });

  it('GET /health reports the models through @nestjs/terminus; /health/ready probes them', async () => {
    const health = await request(http).get('/health').expect(200);
    expect(health.body).toMatchObject({
      status: 'ok',
      info: { llm: { status: 'up', aliases: { default: { available: true } } } },
    });
    const ready = await request(http).get('/health/ready').expect(200);
    expect(ready.body).toMatchObject({
      info: { llm: { aliases: { default: { available: true, probe: { ok: true } } } } },
    });
  });

  it('uses the local demo model when neither OPENAI_API_KEY nor OPENAI_BASE_URL is set', () => {
    expect(chooseChatModel({}).description).toContain('LOCAL DEMO MODEL');
    expect(chooseChatModel({ OPENAI_API_KEY: '  ' }).description).toContain('LOCAL DEMO MODEL');
    expect(model.info().modelId).toBe('local-demo-model');
  });

  it('uses an OpenAI model configuration when OPENAI_API_KEY or OPENAI_BASE_URL is set', () => {
    expect(chooseChatModel({ OPENAI_API_KEY: 'sk-test' }).model).toEqual({
      provider: 'openai',
      model: 'gpt-4o-mini',
      apiKey: 'sk-test',
    });
    expect(
      chooseChatModel({ OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1', OPENAI_MODEL: 'llama3.2' }),
    ).toEqual({
      model: { provider: 'openai', model: 'llama3.2', baseUrl: 'http://127.0.0.1:11434/v1' },
      description: 'Using OpenAI-compatible model llama3.2 at http://127.0.0.1:11434/v1.',
    });
  });

  it('POST /chat answers with text, model, usage and finish reason', async () => {
    const res = await request(http).post('/chat').send({ message: 'Hello there' }).expect(200);

    expect(res.body).toEqual({
      text: '[local demo model] You said: Hello there',
      model: 'local-demo-model',
      usage: { inputTokens: 2, outputTokens: 7, totalTokens: 9 },
      finishReason: 'stop',
    });
  });

  it('POST /chat sends the earlier conversation before the new message', async () => {
    const res = await request(http)
      .post('/chat')
      .send({
        message: 'And now?',
        conversation: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Hello!' },
        ],
      })
      .expect(200);

    expect(res.body.text).toBe('[local demo model] You said: And now?');
    expect(model.requests).toHaveLength(1);
    expect(model.requests[0]?.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello!' },
      { role: 'user', content: 'And now?' },
    ]);
  });

  it.each([
    ['no message', {}, 'message must be a string'],
    ['a message that is not a string', { message: 42 }, 'message must be a string'],
    ['an empty message', { message: '' }, 'message should not be empty'],
    [
      'a conversation turn with an unknown role',
      { message: 'hi', conversation: [{ role: 'robot', content: 'beep' }] },
      'conversation.0.role',
    ],
    [
      'an unknown field',
      { message: 'hi', temperature: 3 },
      'property temperature should not exist',
    ],
  ])('POST /chat rejects %s with 400 before calling the model', async (_case, body, problem) => {
    const res = await request(http).post('/chat').send(body).expect(400);

    expect(JSON.stringify(res.body.message)).toContain(problem);
    expect(model.requests).toHaveLength(0);
  });

  it('GET /chat/stream rejects a missing message with 400', async () => {
    await request(http).get('/chat/stream').expect(400);
    expect(model.requests).toHaveLength(0);
  });

  it('GET /chat/stream sends SSE frames whose deltas add up to the POST /chat answer', async () => {
    const message = 'Stream this, please';
    const res = await request(http)
      .get('/chat/stream')
      .query({ message })
      .buffer(true)
      .parse(readText)
      .expect(200);

    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    const frames = parseSse(res.body as string);
    const events = frames.map(({ fields }) => {
      // Nest may add an `id:` line; every frame names its event and carries one JSON data line.
      const names = fields.map(([name]) => name).filter((name) => name !== 'id');
      expect(names).toEqual(['event', 'data']);
      const type = fields.find(([name]) => name === 'event')![1];
      const data = JSON.parse(fields.find(([name]) => name === 'data')![1]) as StreamEvent;
      expect(data.type).toBe(type);
      return data;
    });

    const types = events.map((event) => event.type);
    expect(types[0]).toBe('start');
    expect(types[types.length - 1]).toBe('finish');
    expect(types.filter((type) => type === 'text-delta').length).toBeGreaterThan(1);
    expect(types).not.toContain('error');

    const streamed = events
      .map((event) => (event.type === 'text-delta' ? event.delta : ''))
      .join('');
    const answer = await request(http).post('/chat').send({ message }).expect(200);
    expect(streamed).toBe(answer.body.text);
    expect(streamed).toBe(`[local demo model] You said: ${message}`);
  });
});

describe('sample app (a model that fails mid-stream)', () => {
  it('GET /chat/stream ends with an error frame that says why', async () => {
    const failing = new MockChatModel({
      responses: [
        { ...MockResponses.serverError(503), text: 'Half an answer', errorAfterChunks: 1 },
      ],
    });
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot({})] })
      .overrideProvider(getChatModelToken('default'))
      .useValue(failing)
      .compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    try {
      const res = await request(app.getHttpServer() as Server)
        .get('/chat/stream')
        .query({ message: 'hi' })
        .buffer(true)
        .parse(readText)
        .expect(200);

      const frames = parseSse(res.body as string);
      const types = frames.map(({ fields }) => fields.find(([name]) => name === 'event')?.[1]);
      expect(types).toEqual(['start', 'text-delta', 'error']);
      const last = frames[frames.length - 1].fields.find(([name]) => name === 'data')![1];
      expect(JSON.parse(last)).toEqual({
        type: 'error',
        error: {
          name: 'ServerError',
          message: 'The model provider failed to answer.',
          code: 'upstream_error',
          isRetryable: true,
        },
      });
    } finally {
      await app.close();
    }
  });
});

describe('sample app (OpenAI-compatible server through OPENAI_BASE_URL)', () => {
  let server: ReplayServer;
  let app: INestApplication;
  let http: Server;

  beforeEach(async () => {
    server = await ReplayServer.start();
    const moduleRef = await Test.createTestingModule({
      imports: [
        AppModule.forRoot({
          OPENAI_API_KEY: 'sk-sample-test',
          OPENAI_BASE_URL: server.baseUrl,
          OPENAI_MODEL: 'gpt-4o',
        }),
      ],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    http = app.getHttpServer();
  });

  afterEach(async () => {
    await app.close();
    await server.close();
  });

  it('POST /chat asks the configured server and model and returns its answer', async () => {
    server.enqueue({ fixture: 'openai/chat-text.json' });

    const res = await request(http)
      .post('/chat')
      .send({ message: 'What is 4200 + 42?' })
      .expect(200);

    expect(res.body).toMatchObject({
      text: '\\(4200 + 42 = 4242\\).',
      model: 'gpt-4o-2024-08-06',
      usage: { inputTokens: 16, outputTokens: 12, totalTokens: 28 },
      finishReason: 'stop',
    });
    expect(server.requests).toHaveLength(1);
    const sent = server.requests[0];
    expect(sent?.path).toBe('/v1/chat/completions');
    expect(sent?.headers.authorization).toBe('Bearer sk-sample-test');
    expect(sent?.body).toMatchObject({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'What is 4200 + 42?' }],
    });
  });

  it('GET /chat/stream relays the provider stream as SSE frames', async () => {
    server.enqueue({ fixture: 'openai/chat-text.stream.txt' });

    const res = await request(http)
      .get('/chat/stream')
      .query({ message: 'What is 4200 + 42?' })
      .buffer(true)
      .parse(readText)
      .expect(200);

    const events = parseSse(res.body as string).map(
      ({ fields }) => JSON.parse(fields.find(([name]) => name === 'data')![1]) as StreamEvent,
    );
    expect(events[0]?.type).toBe('start');
    expect(events[events.length - 1]).toMatchObject({ type: 'finish', finishReason: 'stop' });
    const text = events.map((event) => (event.type === 'text-delta' ? event.delta : '')).join('');
    expect(text).toBe(expectedStreamText());
    expect(server.requests[0]?.body).toMatchObject({ stream: true });
  });
});

/** The answer text of openai/chat-text.stream.txt, read straight from the recording. */
function expectedStreamText(): string {
  return readFixture('openai/chat-text.stream.txt')
    .split('\n')
    .filter((line) => line.startsWith('data: {'))
    .map((line) => {
      const chunk = JSON.parse(line.slice('data: '.length)) as {
        choices: { delta?: { content?: string | null } }[];
      };
      return chunk.choices[0]?.delta?.content ?? '';
    })
    .join('');
}
