import { Test, type TestingModule } from '@nestjs/testing';
import { lastValueFrom, toArray, type Subscription } from 'rxjs';
import {
  ChatService,
  ConduitModule,
  TimeoutError,
  collectStream,
  type ConduitInterceptor,
  type StreamEvent,
} from 'nestjs-conduit';
import { recordedText } from './support/fixtures';
import { ReplayServer } from './support/replay-server';

/**
 * ChatService through the real OpenAIChatModel and HTTP stack, against the local replay server:
 * cancellation and timeouts must close the connection, not just stop listening.
 */
describe('ChatService with OpenAIChatModel (replay server)', () => {
  let server: ReplayServer;
  let moduleRef: TestingModule;
  let chat: ChatService;

  async function boot(
    extra: { timeoutMs?: number; interceptors?: ConduitInterceptor[] } = {},
  ): Promise<void> {
    moduleRef = await Test.createTestingModule({
      imports: [
        ConduitModule.forRoot({
          models: {
            default: {
              provider: 'openai',
              model: 'gpt-4o',
              apiKey: 'sk-test',
              baseUrl: server.baseUrl,
            },
          },
          ...extra,
        }),
      ],
    }).compile();
    chat = moduleRef.get(ChatService);
  }

  beforeEach(async () => {
    server = await ReplayServer.start();
  });

  afterEach(async () => {
    await moduleRef?.close();
    await server.close();
  });

  it('streams a recorded answer end to end', async () => {
    server.enqueue({ fixture: 'openai/chat-text.stream.txt', chunkSize: 97 });
    await boot();
    const answer = await lastValueFrom(chat.stream('Pick a number').pipe(collectStream()));
    expect(answer.text).toBe(recordedText('openai/chat-text.stream.txt'));
    expect(answer.text.length).toBeGreaterThan(0);
    expect(answer.finishReason).toBe('stop');
    expect(server.requests[0]?.body).toMatchObject({
      model: 'gpt-4o',
      stream: true,
      messages: [{ role: 'user', content: 'Pick a number' }],
    });
  });

  it('unsubscribing from stream() mid-answer closes the HTTP connection', async () => {
    server.enqueue({ fixture: 'openai/chat-text.stream.txt', pauseAfterBytes: 700 });
    await boot();
    const seen: StreamEvent[] = [];
    let subscription: Subscription | undefined;
    await new Promise<void>((resolve) => {
      subscription = chat.stream('Pick a number').subscribe((event) => {
        seen.push(event);
        if (event.type === 'text-delta') resolve();
      });
    });
    subscription!.unsubscribe();
    const closed = await server.waitForClientClose();
    expect(closed.path).toBe('/v1/chat/completions');
    expect(seen.map((e) => e.type)).toEqual(['start', 'text-delta']);
  });

  it('timeoutMs on chat() fails with TimeoutError and closes the connection', async () => {
    server.enqueue({ fixture: 'openai/chat-text.json', pauseAfterBytes: 10 });
    await boot();
    const failure = await chat.chat('Hi', { timeoutMs: 200 }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TimeoutError);
    expect(failure).toMatchObject({ timeoutMs: 200, isRetryable: true });
    await server.waitForClientClose();
  });

  it('the module timeoutMs cuts a stream that never ends, with TimeoutError, and closes the connection', async () => {
    server.enqueue({ fixture: 'openai/chat-text.stream.txt', neverEnd: true });
    await boot({ timeoutMs: 200 });
    const events: StreamEvent[] = [];
    const failure = await new Promise<unknown>((resolve) => {
      chat.stream('Hi').subscribe({
        next: (e) => events.push(e),
        error: resolve,
        complete: () => resolve('completed'),
      });
    });
    expect(failure).toBeInstanceOf(TimeoutError);
    expect(events[0]?.type).toBe('start');
    await server.waitForClientClose();
  });

  it('sends the request as changed by the interceptors', async () => {
    server.enqueue({ fixture: 'openai/chat-text.json' });
    const system: ConduitInterceptor = {
      intercept(context, next) {
        if (context.kind === 'chat') {
          context.request = {
            ...context.request,
            messages: [{ role: 'system', content: 'Be brief.' }, ...context.request.messages],
          };
        }
        return next.handle();
      },
    };
    await boot({ interceptors: [system] });
    const answer = await chat.chat('Hi', { temperature: 0.5, headers: { 'x-trace-id': 't-1' } });
    expect(answer.finishReason).toBe('stop');
    expect(server.requests[0]?.body).toMatchObject({
      temperature: 0.5,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
      ],
    });
    expect(server.requests[0]?.headers['x-trace-id']).toBe('t-1');
    expect(server.requests[0]?.headers.authorization).toBe('Bearer sk-test');
  });

  it('falls back to OPENAI_API_KEY when the model sets no apiKey', async () => {
    const saved = process.env['OPENAI_API_KEY'];
    process.env['OPENAI_API_KEY'] = 'sk-from-env';
    try {
      server.enqueue({ fixture: 'openai/chat-text.json' });
      moduleRef = await Test.createTestingModule({
        imports: [
          ConduitModule.forRoot({
            models: { default: { provider: 'openai', model: 'gpt-4o', baseUrl: server.baseUrl } },
          }),
        ],
      }).compile();
      await moduleRef.get(ChatService).chat('Hi');
      expect(server.requests[0]?.headers.authorization).toBe('Bearer sk-from-env');
    } finally {
      if (saved === undefined) delete process.env['OPENAI_API_KEY'];
      else process.env['OPENAI_API_KEY'] = saved;
    }
  });

  it('two subscriptions of one stream are two requests', async () => {
    server.enqueue(
      { fixture: 'openai/chat-text.stream.txt' },
      { fixture: 'openai/chat-text.stream.txt' },
    );
    await boot();
    const stream = chat.stream('Hi');
    expect(server.requests).toHaveLength(0);
    await lastValueFrom(stream.pipe(toArray()));
    await lastValueFrom(stream.pipe(toArray()));
    expect(server.requests).toHaveLength(2);
  });
});
