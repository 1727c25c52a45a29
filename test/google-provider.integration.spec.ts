import { Test, type TestingModule } from '@nestjs/testing';
import { lastValueFrom } from 'rxjs';
import {
  ChatService,
  ConduitModule,
  ContentFilterError,
  RateLimitError,
  collectStream,
} from 'nestjs-conduit';
import { GOOGLE_TEST_KEY, googleScript, readGoogleFixture } from './support/google-harness';
import { ReplayServer } from './support/replay-server';

/**
 * `provider: 'google'` through ConduitModule and ChatService, the real GoogleChatModel and
 * GoogleEmbeddingModel and HTTP stack, against the local replay server serving the hand-written
 * Gemini fixtures.
 */
describe("ChatService with provider: 'google' (replay server)", () => {
  let server: ReplayServer;
  let moduleRef: TestingModule;
  let chat: ChatService;

  beforeEach(async () => {
    server = await ReplayServer.start();
    const common = { apiKey: GOOGLE_TEST_KEY, baseUrl: `${server.url}/v1beta` };
    moduleRef = await Test.createTestingModule({
      imports: [
        ConduitModule.forRoot({
          models: { default: { provider: 'google', model: 'gemini-2.5-flash', ...common } },
          embeddingModels: {
            default: {
              provider: 'google',
              model: 'gemini-embedding-001',
              dimensions: 3,
              ...common,
            },
          },
          retry: false,
        }),
      ],
    }).compile();
    chat = moduleRef.get(ChatService);
  });

  afterEach(async () => {
    await moduleRef.close();
    await server.close();
  });

  it('answers a chat call, streamed and not, with usage and the catalogue prices', async () => {
    server.enqueue(googleScript('generate-text.json'), googleScript('stream-text.stream.txt'));
    const answer = await chat.chat('Hello');
    expect(answer.text).toBe('Bonjour ! Ça va très bien, merci. 🌞');
    expect(answer.usage).toMatchObject({ cacheReadTokens: 2048, reasoningTokens: 70 });
    const streamed = await lastValueFrom(chat.stream('Hello').pipe(collectStream()));
    expect(streamed.text).toBe(
      'Les couleurs du ciel : bleu azur, orangé au crépuscule, violet à l’aube 🌅🌌.',
    );
    expect(server.requests.map((r) => r.path)).toEqual([
      '/v1beta/models/gemini-2.5-flash:generateContent',
      '/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse',
    ]);
  });

  it('embeds through embeddingModels', async () => {
    server.enqueue(googleScript('batch-embed-contents.json'));
    const { embeddings } = await chat.embed(['a', 'b', 'c']);
    const fixture = JSON.parse(readGoogleFixture('batch-embed-contents.json')) as {
      embeddings: { values: number[] }[];
    };
    expect(embeddings).toEqual(fixture.embeddings.map((e) => e.values));
    const sent = server.requests[0]?.body as { requests: Record<string, unknown>[] };
    expect(sent.requests.map((r) => r['outputDimensionality'])).toEqual([3, 3, 3]);
  });

  it('surfaces typed errors: a safety block and a rate limit with its delay', async () => {
    server.enqueue(
      googleScript('generate-blocked-prompt.json'),
      googleScript('error-resource-exhausted.429.json'),
    );
    await expect(chat.chat('Hello')).rejects.toBeInstanceOf(ContentFilterError);
    const limited: unknown = await chat.chat('Hello').catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(RateLimitError);
    expect((limited as RateLimitError).retryAfterMs).toBe(22_000);
  });
});
