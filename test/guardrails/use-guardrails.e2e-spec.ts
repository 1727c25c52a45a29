import {
  Controller,
  Module,
  Query,
  Sse,
  Get,
  type INestApplication,
  type MessageEvent,
} from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Observable } from 'rxjs';
import {
  ChatService,
  ConduitExceptionFilter,
  ConduitModule,
  MaxLengthGuardrail,
  PiiRedactionGuardrail,
  toSse,
  UseGuardrails,
} from 'nestjs-conduit';
import { MockChatModel } from 'nestjs-conduit/testing';

const ANSWER = 'Sure, write to jane.doe@example.com and we answer today.';
const pii = new PiiRedactionGuardrail({ logger: false });

@Controller()
class GuardedController {
  constructor(private readonly chat: ChatService) {}

  @Get('guarded')
  @UseGuardrails(pii)
  async guarded(@Query('q') q: string): Promise<string> {
    return (await this.chat.chat(q)).text;
  }

  @Get('plain')
  async plain(@Query('q') q: string): Promise<string> {
    return (await this.chat.chat(q)).text;
  }

  @Sse('guarded-stream')
  @UseGuardrails(pii)
  stream(@Query('q') q: string): Observable<MessageEvent> {
    return this.chat.stream(q).pipe(toSse());
  }
}

/** Every route of the class is guarded; a method's own `@UseGuardrails()` would replace these. */
@Controller('strict')
@UseGuardrails(new MaxLengthGuardrail({ maxInputChars: 10, logger: false }))
class StrictController {
  constructor(private readonly chat: ChatService) {}

  @Get()
  async ask(@Query('q') q: string): Promise<string> {
    return (await this.chat.chat(q)).text;
  }
}

/**
 * `@UseGuardrails()` on controller routes, over real HTTP: the chat calls made while handling a
 * decorated route go through its guardrails (prompt and answer), those of an undecorated route
 * of the same controller do not, and a stream returned by an `@Sse` route is covered too.
 */
describe('@UseGuardrails() on controller routes', () => {
  let app: INestApplication;
  let url: string;
  let model: MockChatModel;

  beforeEach(async () => {
    model = new MockChatModel({ respond: () => ANSWER });
    @Module({
      imports: [ConduitModule.forRoot({ models: { default: model }, retry: false })],
      controllers: [GuardedController, StrictController],
    })
    class AppModule {}
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.useGlobalFilters(new ConduitExceptionFilter());
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });

  afterEach(async () => {
    await app.close();
  });

  const get = async (path: string, q: string): Promise<{ status: number; body: string }> => {
    const response = await fetch(`${url}/${path}?q=${encodeURIComponent(q)}`);
    return { status: response.status, body: await response.text() };
  };

  it('redacts the prompt and the answer of the calls a decorated route makes', async () => {
    const { status, body } = await get('guarded', 'I am bob@example.org');
    expect(status).toBe(200);
    expect(body).toBe('Sure, write to [EMAIL] and we answer today.');
    expect(model.lastRequest?.messages.at(-1)).toEqual({ role: 'user', content: 'I am [EMAIL]' });
  });

  it('leaves the calls of an undecorated route alone', async () => {
    const { body } = await get('plain', 'I am bob@example.org');
    expect(body).toBe(ANSWER);
    expect(model.lastRequest?.messages.at(-1)).toEqual({
      role: 'user',
      content: 'I am bob@example.org',
    });
  });

  it('covers the stream an @Sse route returns', async () => {
    const response = await fetch(`${url}/guarded-stream?q=hi`);
    const body = await response.text();
    expect(body).toContain('[EMAIL]');
    expect(body).not.toContain('jane.doe');
  });

  it('applies a controller-level @UseGuardrails() to its routes (a block is a 422)', async () => {
    const blocked = await get('strict', 'a question far longer than ten characters');
    expect(blocked.status).toBe(422);
    expect(blocked.body).toContain('guardrail_blocked');
    expect(model.calls).toBe(0);
    const allowed = await get('strict', 'short');
    expect(allowed.status).toBe(200);
    expect(model.calls).toBe(1);
  });
});
