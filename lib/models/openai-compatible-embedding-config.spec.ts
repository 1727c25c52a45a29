import { useReplayServer } from '../../test/support/replay-server';
import { createEmbeddingModel } from './create-model';
import { validateModelConfig } from './validate-model-config';

describe('embeddingModels: { provider: "openai-compatible" } as data', () => {
  const replay = useReplayServer();
  const answer = JSON.stringify({
    data: [{ index: 0, embedding: [0.5, -0.5, 0.25, 0] }],
    model: 'BAAI/bge-small-en-v1.5',
    usage: { prompt_tokens: 3, total_tokens: 3 },
  });

  it('builds a preset model: its name, float arrays, and a baseUrl that overrides the address', async () => {
    replay.server.enqueue({ body: answer });
    const model = createEmbeddingModel(
      {
        provider: 'openai-compatible',
        preset: 'tei',
        model: 'BAAI/bge-small-en-v1.5',
        baseUrl: `${replay.server.url}/v1`,
      },
      {},
    );
    const response = await model.embed({ texts: ['hello'] });
    expect(response.embeddings).toEqual([[0.5, -0.5, 0.25, 0]]);
    expect(model.info().provider).toBe('tei');
    expect(replay.server.requests[0].path).toBe('/v1/embeddings');
    expect(replay.server.requests[0].body).toMatchObject({ encoding_format: 'float' });
  });

  it('takes a bare baseUrl, and OPENAI_COMPATIBLE_API_KEY when set', async () => {
    replay.server.enqueue({ body: answer });
    const model = createEmbeddingModel(
      { provider: 'openai-compatible', model: 'm', baseUrl: replay.server.url },
      { OPENAI_COMPATIBLE_API_KEY: 'local-key-42' },
    );
    await model.embed({ texts: ['hello'] });
    expect(replay.server.requests[0].path).toBe('/embeddings');
    expect(replay.server.requests[0].headers.authorization).toBe('Bearer local-key-42');
    expect(model.info().provider).toBe('openai-compatible');
  });

  it('validates the preset against the embedding presets (tei and infinity included)', () => {
    const check = (config: Record<string, unknown>): string[] =>
      validateModelConfig(config, 'embeddingModels.default', 'embedding', {}).map(
        (issue) => `${issue.path}: ${issue.message}`,
      );
    expect(check({ provider: 'openai-compatible', preset: 'infinity', model: 'm' })).toEqual([]);
    expect(check({ provider: 'openai-compatible', preset: 'tgi', model: 'm' })).toEqual([
      'embeddingModels.default.preset: unknown preset; expected one of: ollama, tei, infinity, vllm, lm-studio, llama-cpp',
    ]);
    expect(check({ provider: 'openai-compatible', model: 'm' })).toEqual([
      'embeddingModels.default.baseUrl: missing; give the server address or a preset (ollama, tei, infinity, vllm, lm-studio, llama-cpp)',
    ]);
    expect(
      check({ provider: 'openai-compatible', preset: 'ollama', model: 'm', encodingFormat: 'hex' }),
    ).toEqual(["embeddingModels.default.encodingFormat: must be 'base64' or 'float'"]);
    // Chat keeps its own presets: tei serves no chat.
    expect(
      validateModelConfig(
        { provider: 'openai-compatible', preset: 'tei', model: 'm' },
        'models.default',
        'chat',
        {},
      ),
    ).toHaveLength(1);
  });
});
