import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ChatService,
  ConduitValidationError,
  GuardrailViolationError,
  ModerationGuardrail,
  type ModerationGuardrailOptions,
} from 'nestjs-conduit';
import { createConduitTestingModule, MockChatModel } from 'nestjs-conduit/testing';
import { ReplayServer } from '../support/replay-server';

/** Hand-written from the OpenAI API reference (labelled so inside): no recording was made. */
const fixture = (name: string): string => readFileSync(join(__dirname, 'fixtures', name), 'utf8');
const KEY = 'sk-moderation-test-key-123456';

describe('ModerationGuardrail (the /v1/moderations wire, replayed from hand-written fixtures)', () => {
  let server: ReplayServer;

  beforeEach(async () => {
    server = await ReplayServer.start();
  });
  afterEach(async () => {
    await server.close();
  });

  const guard = (options: ModerationGuardrailOptions = {}): ModerationGuardrail =>
    new ModerationGuardrail({ apiKey: KEY, baseUrl: server.baseUrl, logger: false, ...options });

  it('sends the model and input with the bearer key, and reads the typed verdict', async () => {
    server.enqueue({ body: fixture('moderation-flagged.json') });
    const result = await guard().moderate('some text');
    expect(server.requests[0]).toMatchObject({
      path: '/v1/moderations',
      body: { model: 'omni-moderation-latest', input: 'some text' },
    });
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(result.flagged).toBe(true);
    expect(result.categories).toEqual(['harassment', 'harassment/threatening', 'violence']);
    expect(result.scores.violence).toBe(0.92);
  });

  it('blocks a flagged prompt before the model is called, with the category', async () => {
    server.enqueue({ body: fixture('moderation-flagged.json') });
    const mock = new MockChatModel({ responses: ['never'] });
    const moduleRef = await createConduitTestingModule({
      models: { default: mock },
      interceptors: [guard()],
    }).compile();
    const failure = await moduleRef
      .get(ChatService)
      .chat('threatening text')
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(GuardrailViolationError);
    expect(failure).toMatchObject({ category: 'moderation:harassment', stage: 'input' });
    expect(mock.calls).toBe(0);
  });

  it('lets a clean prompt and answer through (one moderation call each)', async () => {
    server.enqueue(
      { body: fixture('moderation-clean.json') },
      { body: fixture('moderation-clean.json') },
    );
    const mock = new MockChatModel({ responses: ['a kind answer'] });
    const moduleRef = await createConduitTestingModule({
      models: { default: mock },
      interceptors: [guard()],
    }).compile();
    await expect(moduleRef.get(ChatService).chat('hello')).resolves.toMatchObject({
      text: 'a kind answer',
    });
    expect(server.requests.map((r) => (r.body as { input: string }).input)).toEqual([
      'hello',
      'a kind answer',
    ]);
  });

  it('blocks only the categories asked for, and by score thresholds', async () => {
    server.enqueue(
      { body: fixture('moderation-flagged.json') },
      { body: fixture('moderation-clean.json') },
    );
    const onlySelfHarm = guard({ categories: ['self-harm'] });
    const context = { stage: 'input' as const, call: { signal: new AbortController().signal } };
    await expect(onlySelfHarm['decide']('x', context as never)).resolves.toEqual({ allow: true });
    const strict = guard({ thresholds: { sexual: 0.3 } });
    await expect(strict['decide']('y', context as never)).resolves.toMatchObject({
      block: true,
      category: 'moderation:sexual',
    });
  });

  it('fails closed by default and open when asked, when the service errs; the key never shows', async () => {
    const error = JSON.stringify({
      error: { message: `bad key ${KEY}`, type: 'server_error', code: 'server_error' },
    });
    server.enqueue({ status: 500, body: error }, { status: 500, body: error });
    const context = { stage: 'output' as const, call: { signal: new AbortController().signal } };
    const closed = await guard()['decide']('z', context as never);
    expect(closed).toMatchObject({ block: true, category: 'moderation:unavailable' });
    expect(JSON.stringify(closed)).not.toContain(KEY);
    await expect(guard({ failMode: 'open' })['decide']('z', context as never)).resolves.toEqual({
      allow: true,
    });
  });

  it('refuses to start without a key or an address', () => {
    const saved = process.env['OPENAI_API_KEY'];
    delete process.env['OPENAI_API_KEY'];
    try {
      expect(() => new ModerationGuardrail({ logger: false })).toThrow(ConduitValidationError);
    } finally {
      if (saved !== undefined) process.env['OPENAI_API_KEY'] = saved;
    }
  });
});
