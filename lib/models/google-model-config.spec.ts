import { GoogleChatModel, GoogleEmbeddingModel } from '../providers/google';
import { useReplayServer } from '../../test/support/replay-server';
import { createChatModel, createEmbeddingModel } from './create-model';
import { validateModelConfig } from './validate-model-config';

const GEMINI_KEY = 'AIzaGeminiKey0123456789abcdefghijklmnopq';
const GOOGLE_KEY = 'AIzaGoogleKey0123456789abcdefghijklmnopq';
const replay = useReplayServer();

/** The x-goog-api-key a model built from `env` sends. */
async function keySent(env: Record<string, string>): Promise<unknown> {
  replay.server.enqueue({
    body: JSON.stringify({
      candidates: [{ content: { role: 'model', parts: [{ text: 'ok' }] }, finishReason: 'STOP' }],
    }),
  });
  const model = createChatModel(
    { provider: 'google', model: 'gemini-2.5-flash', baseUrl: `${replay.server.url}/v1beta` },
    env,
    () => undefined,
  );
  await model.chat({ messages: [{ role: 'user', content: 'Hi' }] });
  return replay.server.requests[replay.server.requests.length - 1]?.headers['x-goog-api-key'];
}

describe("provider: 'google' in the module's model configuration", () => {
  it('builds GoogleChatModel and GoogleEmbeddingModel', () => {
    const env = { GEMINI_API_KEY: GEMINI_KEY };
    expect(createChatModel({ provider: 'google', model: 'gemini-2.5-pro' }, env)).toBeInstanceOf(
      GoogleChatModel,
    );
    expect(
      createEmbeddingModel(
        { provider: 'google', model: 'gemini-embedding-001', dimensions: 768 },
        env,
      ),
    ).toBeInstanceOf(GoogleEmbeddingModel);
  });

  it('reads GEMINI_API_KEY, else GOOGLE_API_KEY', async () => {
    expect(await keySent({ GEMINI_API_KEY: GEMINI_KEY, GOOGLE_API_KEY: GOOGLE_KEY })).toBe(
      GEMINI_KEY,
    );
    expect(await keySent({ GOOGLE_API_KEY: GOOGLE_KEY })).toBe(GOOGLE_KEY);
    expect(await keySent({ GEMINI_API_KEY: '', GOOGLE_API_KEY: GOOGLE_KEY })).toBe(GOOGLE_KEY);
  });

  it('accepts either variable at validation, and names both when neither is set', () => {
    const config = { provider: 'google', model: 'gemini-2.5-flash' };
    expect(
      validateModelConfig(config, 'models.default', 'chat', { GOOGLE_API_KEY: GOOGLE_KEY }),
    ).toEqual([]);
    expect(
      validateModelConfig(config, 'models.default', 'chat', { GEMINI_API_KEY: GEMINI_KEY }),
    ).toEqual([]);
    expect(validateModelConfig(config, 'models.default', 'chat', {})).toEqual([
      {
        path: 'models.default.apiKey',
        message: 'missing; pass apiKey or set GEMINI_API_KEY or GOOGLE_API_KEY',
      },
    ]);
  });

  it('takes google under embeddingModels too', () => {
    const config = { provider: 'google', model: 'gemini-embedding-001', apiKey: GEMINI_KEY };
    expect(validateModelConfig(config, 'embeddingModels.default', 'embedding', {})).toEqual([]);
  });

  it('warns (without the key) when an environment key goes to a host that is not Google', () => {
    const warnings: string[] = [];
    createChatModel(
      { provider: 'google', model: 'gemini-2.5-flash', baseUrl: 'http://10.1.2.3:8080/v1beta' },
      { GOOGLE_API_KEY: GOOGLE_KEY },
      (message) => warnings.push(message),
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('10.1.2.3');
    // Named after the variable the key really came from.
    expect(warnings[0]).toContain('from GOOGLE_API_KEY');
    expect(warnings[0]).not.toContain(GOOGLE_KEY);
  });
});
