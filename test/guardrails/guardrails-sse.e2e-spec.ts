import {
  Controller,
  Module,
  Query,
  Sse,
  type INestApplication,
  type MessageEvent,
} from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Observable } from 'rxjs';
import {
  ChatService,
  ConduitModule,
  PiiRedactionGuardrail,
  toSse,
  type ConduitInterceptor,
} from 'nestjs-conduit';
import { ReplayServer } from '../support/replay-server';

/** An OpenAI Chat Completions stream whose answer arrives in `pieces`, one SSE event each. */
function openAiStream(pieces: readonly string[], end = true): string {
  const chunk = (delta: object, finish: string | null): string =>
    `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
  const head = [
    chunk({ role: 'assistant', content: '' }, null),
    ...pieces.map((text) => chunk({ content: text }, null)),
  ];
  return (end ? [...head, chunk({}, 'stop'), 'data: [DONE]\n\n'] : head).join('');
}

@Controller()
class ChatController {
  constructor(private readonly chat: ChatService) {}

  @Sse('chat')
  stream(@Query('q') q: string): Observable<MessageEvent> {
    return this.chat.stream(q).pipe(toSse());
  }
}

/**
 * Guardrails on a real `@Sse` route, read by a real HTTP client, with the real OpenAI model and
 * HTTP stack against a local upstream: what a block stops never goes on the wire, and a chunked
 * block closes the upstream request.
 */
describe('guardrails over SSE (real HTTP on both sides)', () => {
  let upstream: ReplayServer;
  let app: INestApplication;
  let url: string;

  async function boot(guardrail: ConduitInterceptor): Promise<void> {
    @Module({
      imports: [
        ConduitModule.forRoot({
          models: {
            default: {
              provider: 'openai',
              model: 'gpt-4o',
              apiKey: 'sk-test',
              baseUrl: upstream.baseUrl,
            },
          },
          interceptors: [guardrail],
          retry: false,
        }),
      ],
      controllers: [ChatController],
    })
    class AppModule {}
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  }

  /** The SSE body as the browser would read it, to the end. */
  async function read(q: string): Promise<string> {
    const response = await fetch(`${url}/chat?q=${encodeURIComponent(q)}`);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    return response.text();
  }

  beforeEach(async () => {
    upstream = await ReplayServer.start();
  });

  afterEach(async () => {
    await app?.close();
    await upstream.close();
  });

  it("buffer mode: a blocked answer sends no text frame, only start and the error's fixed message", async () => {
    const pieces = ['Hello! ', 'Your contact is ', 'jane.doe', '@example.com', '. Bye.'];
    upstream.enqueue({
      body: openAiStream(pieces),
      headers: { 'content-type': 'text/event-stream' },
      chunkSize: 40,
    });
    await boot(new PiiRedactionGuardrail({ mode: 'buffer', action: 'block', logger: false }));
    const body = await read('who am I?');
    expect(body).toContain('event: start');
    expect(body).not.toContain('event: text-delta');
    for (const piece of ['Hello', 'contact', 'jane', 'example']) expect(body).not.toContain(piece);
    expect(body).toContain('"code":"guardrail_blocked"');
    expect(body).toContain('The content was blocked by a content policy.');
  });

  it('buffer mode with redaction: the client receives the redacted answer only', async () => {
    const pieces = ['Write to ', 'jane.doe', '@example.com', ' today.'];
    upstream.enqueue({
      body: openAiStream(pieces),
      headers: { 'content-type': 'text/event-stream' },
      chunkSize: 30,
    });
    await boot(new PiiRedactionGuardrail({ mode: 'buffer', logger: false }));
    const body = await read('mail?');
    expect(body).toContain('Write to [EMAIL] today.');
    expect(body).not.toContain('jane');
    expect(body).toContain('event: finish');
  });

  it('chunked mode: stops at the failing chunk, the client gets the passed text and the error, the upstream socket is closed', async () => {
    const pieces = [
      'The first sentence is fine. ',
      'So is the second one. ',
      'Now mail jane.doe@example.com please. ',
      'More. ',
    ];
    // The upstream never ends its answer: only the guardrail's abort can close the connection.
    upstream.enqueue({
      body: openAiStream(pieces, false),
      headers: { 'content-type': 'text/event-stream' },
      neverEnd: true,
    });
    await boot(
      new PiiRedactionGuardrail({ mode: 'chunked', chunkSize: 10, action: 'block', logger: false }),
    );
    const body = await read('go');
    expect(body).toContain('The first sentence is fine. ');
    expect(body).toContain('So is the second one. ');
    expect(body).not.toContain('jane');
    expect(body).not.toContain('Now mail');
    expect(body).toContain('"code":"guardrail_blocked"');
    const closed = await upstream.waitForClientClose();
    expect(closed.path).toBe('/v1/chat/completions');
  });
});
