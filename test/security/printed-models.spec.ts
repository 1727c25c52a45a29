import { Test, type TestingModule } from '@nestjs/testing';
import { format, inspect } from 'node:util';
import { ChatService } from '../../lib/chat/chat.service';
import { ConduitError, ServerError } from '../../lib/core';
import { ConduitModule } from '../../lib/conduit.module';
import { ModelRegistry } from '../../lib/models/model-registry';
import { AnthropicChatModel } from '../../lib/providers/anthropic/anthropic-chat-model';
import { AnthropicConnection } from '../../lib/providers/anthropic/anthropic-connection';
import { AnthropicStreamState } from '../../lib/providers/anthropic/anthropic-stream-state';
import { GroqChatModel } from '../../lib/providers/groq/groq-chat-model';
import { OpenAIChatModel } from '../../lib/providers/openai/openai-chat-model';
import { OpenAIConnection } from '../../lib/providers/shared/openai-wire/openai-connection';
import { OpenAIEmbeddingModel } from '../../lib/providers/openai/openai-embedding-model';
import { OpenAIStreamState } from '../../lib/providers/openai/openai-stream-state';
import { OpenAICompatibleChatModel } from '../../lib/providers/openai-compatible/openai-compatible-chat-model';
import { createOpenAIChatModel } from '../../lib/providers/openai-responses/create-openai-chat-model';
import { OpenAIResponsesChatModel } from '../../lib/providers/openai-responses/openai-responses-chat-model';
import { ResponsesStreamState } from '../../lib/providers/openai-responses/responses-stream-state';
import { HttpClient } from '../../lib/providers/shared/http-client';
import { XaiChatModel } from '../../lib/providers/xai/xai-chat-model';
import { XaiCompletionsModel } from '../../lib/providers/xai/xai-completions-model';

const KEY = 'sk-secret-XYZ';
const BASE_URL = 'http://127.0.0.1:9/v1';
/** Described, so the unknown local model raises no catalogue warning. */
const CAPABILITIES = { tools: true, vision: false, maxContextTokens: 128_000 };

/**
 * Every way an object gets printed by accident: console.log / Nest's logger (inspect), the same
 * with hidden properties (`%o`, showHidden), JSON loggers (JSON.stringify) and spreads into a log
 * record.
 */
function printings(value: unknown): string[] {
  return [
    inspect(value, { depth: 10 }),
    inspect(value, { depth: null, showHidden: true }),
    format('%o', value),
    format('%O', value),
    JSON.stringify(value) ?? '',
    JSON.stringify({ logged: { ...(value as object) } }),
    String(value),
  ];
}

function expectKeyHidden(value: unknown): void {
  for (const text of printings(value)) {
    expect(text).not.toContain(KEY);
    expect(text).not.toContain('XYZ');
  }
}

/** Every class of lib/providers that is given the key, built directly. */
const HOLDERS: ReadonlyArray<readonly [string, () => unknown]> = [
  ['OpenAIChatModel', () => new OpenAIChatModel({ model: 'gpt-4o-mini', apiKey: KEY })],
  [
    'OpenAIEmbeddingModel',
    () => new OpenAIEmbeddingModel({ model: 'text-embedding-3-small', apiKey: KEY }),
  ],
  ['OpenAIResponsesChatModel', () => new OpenAIResponsesChatModel({ model: 'gpt-5', apiKey: KEY })],
  [
    'createOpenAIChatModel (responses)',
    () => createOpenAIChatModel({ model: 'gpt-5', api: 'responses', apiKey: KEY }),
  ],
  ['OpenAIConnection', () => new OpenAIConnection({ apiKey: KEY, organization: 'org-1' })],
  [
    'AnthropicChatModel',
    () => new AnthropicChatModel({ model: 'claude-sonnet-4-5', apiKey: KEY, betas: ['b1'] }),
  ],
  [
    'AnthropicConnection',
    () => new AnthropicConnection({ model: 'claude-sonnet-4-5', apiKey: KEY }),
  ],
  [
    'OpenAICompatibleChatModel',
    () =>
      new OpenAICompatibleChatModel({
        model: 'llama3.2',
        baseUrl: BASE_URL,
        apiKey: KEY,
        capabilities: CAPABILITIES,
      }),
  ],
  ['GroqChatModel', () => new GroqChatModel({ model: 'openai/gpt-oss-120b', apiKey: KEY })],
  ['XaiChatModel (chat)', () => new XaiChatModel({ model: 'grok-4.3', apiKey: KEY })],
  [
    'XaiChatModel (responses)',
    () => new XaiChatModel({ model: 'grok-4.3', apiKey: KEY, api: 'responses' }),
  ],
  [
    'XaiCompletionsModel',
    () =>
      new XaiCompletionsModel(
        { model: 'grok-4.3', baseUrl: BASE_URL, apiKey: KEY, providerName: 'xai' },
        'high',
      ),
  ],
  [
    'HttpClient',
    () =>
      new HttpClient({
        provider: 'p',
        secrets: [KEY],
        mapError: ({ status }) => new ServerError('x', { provider: 'p', status }),
      }),
  ],
];

/**
 * Stream states keep the key in a `#private` field, which no printing reaches (not even
 * `getters: true`): that the key is inside shows in what they do with it, redacting it from the
 * error a stream sends.
 */
const STREAM_STATES: [string, () => { push(payload: unknown): unknown }, unknown][] = [
  [
    'OpenAIStreamState',
    () => new OpenAIStreamState({ provider: 'openai', secrets: [KEY] }),
    { error: { message: `leaked ${KEY}`, type: 'server_error' } },
  ],
  [
    'ResponsesStreamState',
    () => {
      const state = new ResponsesStreamState({ provider: 'openai', secrets: [KEY] });
      return { push: (payload: unknown) => state.handle(payload), state };
    },
    { type: 'error', code: 'server_error', message: `leaked ${KEY}` },
  ],
  [
    'AnthropicStreamState',
    () => new AnthropicStreamState({ secrets: [KEY], requestId: 'r1' }),
    { type: 'error', error: { type: 'api_error', message: `leaked ${KEY}` } },
  ],
];

describe('printing an object that holds an API key never shows the key', () => {
  it.each(HOLDERS)('%s', (_name, build) => {
    const holder = build();
    // The key is really inside (so the check below is not vacuous)...
    expect(inspect(holder, { depth: null, showHidden: true, getters: true })).toContain(KEY);
    // ...yet no accidental printing shows it.
    expectKeyHidden(holder);
  });

  it.each(STREAM_STATES)(
    '%s never prints the key, yet redacts it from a stream error',
    (_name, build, payload) => {
      const state = build();
      expectKeyHidden(state);
      let thrown: unknown;
      try {
        state.push(payload);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ConduitError);
      expect((thrown as ConduitError).message).toContain('[REDACTED]');
      expect(inspect(thrown, { depth: null, showHidden: true })).not.toContain(KEY);
    },
  );

  it('the models still send the key in the header their provider expects', () => {
    const openai = new OpenAIConnection({ apiKey: KEY });
    const anthropic = new AnthropicConnection({ model: 'claude-sonnet-4-5', apiKey: KEY });
    expect(openai.headers(undefined)).toMatchObject({ authorization: `Bearer ${KEY}` });
    expect(openai.secrets).toEqual([KEY]);
    expect(anthropic.headers(undefined)).toMatchObject({ 'x-api-key': KEY });
    expect(anthropic.errorContext.secrets).toEqual([KEY]);
  });

  describe('models built by ConduitModule.forRoot from configuration', () => {
    let moduleRef: TestingModule;

    beforeAll(async () => {
      moduleRef = await Test.createTestingModule({
        imports: [
          ConduitModule.forRoot({
            models: {
              default: { provider: 'openai', model: 'gpt-4o-mini', apiKey: KEY },
              responses: { provider: 'openai', model: 'gpt-5', api: 'responses', apiKey: KEY },
              claude: { provider: 'anthropic', model: 'claude-sonnet-4-5', apiKey: KEY },
              groq: { provider: 'groq', model: 'openai/gpt-oss-120b', apiKey: KEY },
              grok: { provider: 'xai', model: 'grok-4.3', apiKey: KEY },
              local: {
                provider: 'openai-compatible',
                model: 'llama3.2',
                baseUrl: BASE_URL,
                apiKey: KEY,
                capabilities: CAPABILITIES,
              },
            },
            embeddingModels: {
              default: { provider: 'openai', model: 'text-embedding-3-small', apiKey: KEY },
            },
          }),
        ],
      }).compile();
    });

    afterAll(async () => {
      await moduleRef.close();
    });

    it('neither the registry nor any of its models prints the key', () => {
      const registry = moduleRef.get(ModelRegistry);
      expect(registry.chatAliases()).toEqual([
        'default',
        'responses',
        'claude',
        'groq',
        'grok',
        'local',
      ]);
      expectKeyHidden(registry);
      for (const alias of registry.chatAliases()) expectKeyHidden(registry.getChatModel(alias));
      expectKeyHidden(registry.getEmbeddingModel());
    });

    it('nor does ChatService (its options and the ModuleRef it reaches hold the keys)', () => {
      expectKeyHidden(moduleRef.get(ChatService));
    });
  });
});
