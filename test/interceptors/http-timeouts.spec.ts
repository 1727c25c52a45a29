import { Test, type TestingModule } from '@nestjs/testing';
import { lastValueFrom } from 'rxjs';
import {
  ChatService,
  collectStream,
  ConduitModule,
  RetryInterceptor,
  StreamIdleTimeoutInterceptor,
  TimeoutError,
  TimeoutInterceptor,
  type ConduitInterceptor,
  type StreamEvent,
} from 'nestjs-conduit';
import { ReplayServer } from '../support/replay-server';

/**
 * The timeout interceptors against the real OpenAIChatModel and HTTP stack: when they fire, the
 * local server must see the connection close (the request is really cancelled). Timers are fake
 * (only setTimeout/setInterval), so the deadlines fire when the test says, after the server has
 * provably started answering.
 */
describe('timeout interceptors cancel the HTTP request (replay server)', () => {
  let server: ReplayServer;
  let moduleRef: TestingModule;

  async function boot(interceptors: ConduitInterceptor[]): Promise<ChatService> {
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
          interceptors,
        }),
      ],
    }).compile();
    await moduleRef.init();
    return moduleRef.get(ChatService);
  }

  /** Subscribes and resolves once the first text delta arrived; `done` settles with the outcome. */
  function streamUntilFirstDelta(chat: ChatService) {
    const events: StreamEvent[] = [];
    let firstDelta!: () => void;
    const started = new Promise<void>((resolve) => (firstDelta = resolve));
    const done = new Promise<unknown>((resolve) => {
      chat.stream('Pick a number').subscribe({
        next: (event) => {
          events.push(event);
          if (event.type === 'text-delta') firstDelta();
        },
        error: resolve,
        complete: () => resolve('completed'),
      });
    });
    return { events, started, done };
  }

  beforeEach(async () => {
    server = await ReplayServer.start();
    jest.useFakeTimers({
      doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'Date', 'hrtime', 'performance'],
    });
  });

  afterEach(async () => {
    jest.useRealTimers();
    await moduleRef?.close();
    await server.close();
  });

  it('TimeoutInterceptor: a timed-out stream fails with TimeoutError and the server sees the connection close', async () => {
    server.enqueue({ fixture: 'openai/chat-text.stream.txt', pauseAfterBytes: 700 });
    const chat = await boot([new TimeoutInterceptor({ timeoutMs: 5000 })]);
    const { started, done, events } = streamUntilFirstDelta(chat);
    await started;
    expect(server.closedEarly).toHaveLength(0);
    jest.advanceTimersByTime(5000);
    const failure = await done;
    expect(failure).toBeInstanceOf(TimeoutError);
    expect(failure).toMatchObject({ timeoutMs: 5000 });
    expect(events.map((e) => e.type).slice(0, 2)).toEqual(['start', 'text-delta']);
    const closed = await server.waitForClientClose();
    expect(closed.path).toBe('/v1/chat/completions');
  });

  it('StreamIdleTimeoutInterceptor: a stream that goes silent fails with TimeoutError and the server sees the close', async () => {
    server.enqueue({ fixture: 'openai/chat-text.stream.txt', pauseAfterBytes: 700 });
    const chat = await boot([new StreamIdleTimeoutInterceptor({ idleTimeoutMs: 3000 })]);
    const { started, done } = streamUntilFirstDelta(chat);
    await started;
    jest.advanceTimersByTime(3000);
    const failure = await done;
    expect(failure).toBeInstanceOf(TimeoutError);
    expect((failure as Error).message).toContain('sent nothing for 3000 ms');
    await server.waitForClientClose();
  });

  it('RetryInterceptor attemptTimeoutMs: the hung attempt is cancelled on the wire, the next one answers', async () => {
    server.enqueue(
      { fixture: 'openai/chat-text.json', pauseAfterBytes: 10 },
      { fixture: 'openai/chat-text.json' },
    );
    const chat = await boot([new RetryInterceptor({ attemptTimeoutMs: 4000, random: () => 0 })]);
    const answer = chat.chat('Hi');
    await server.waitForRequest(1);
    // The attempt deadline fires at 4000; the retry's zero backoff (random 0) then runs one tick
    // later (fake timers push a zero-delay timer set during a tick to the next millisecond).
    jest.advanceTimersByTime(4001);
    await server.waitForClientClose();
    await server.waitForRequest(2);
    await expect(answer).resolves.toMatchObject({ finishReason: 'stop' });
    expect(server.requests).toHaveLength(2);
  });

  it('a stream that finishes in time is untouched by both timeouts', async () => {
    server.enqueue({ fixture: 'openai/chat-text.stream.txt', chunkSize: 200 });
    const chat = await boot([
      new TimeoutInterceptor({ timeoutMs: 5000 }),
      new StreamIdleTimeoutInterceptor({ idleTimeoutMs: 1000 }),
    ]);
    const answer = await lastValueFrom(chat.stream('Pick a number').pipe(collectStream()));
    expect(answer.finishReason).toBe('stop');
    expect(server.closedEarly).toHaveLength(0);
  });
});
