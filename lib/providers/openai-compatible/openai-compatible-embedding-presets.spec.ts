import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NotFoundError, ProviderError } from '../../core';
import { useReplayServer } from '../../../test/support/replay-server';
import {
  OPENAI_COMPATIBLE_EMBEDDING_PRESETS,
  openAICompatibleEmbeddingPreset,
  type OpenAICompatibleEmbeddingPresetName,
} from './openai-compatible-embedding-presets';

/** Hand-written from the API references (see test/fixtures/embeddings/README.md). */
const fixture = (name: string): string =>
  readFileSync(join(__dirname, '../../../test/fixtures/embeddings', name), 'utf8');

const VECTORS = [
  [0.0123, -0.0456, 0.0789, -0.0012],
  [-0.0321, 0.0654, -0.0987, 0.0021],
];

describe('openAICompatibleEmbeddingPreset (hand-written fixture replies)', () => {
  const replay = useReplayServer();

  it('has the servers’ usual local addresses', () => {
    expect(OPENAI_COMPATIBLE_EMBEDDING_PRESETS.ollama.baseUrl).toBe('http://127.0.0.1:11434/v1');
    expect(OPENAI_COMPATIBLE_EMBEDDING_PRESETS.tei.baseUrl).toBe('http://127.0.0.1:8080/v1');
    expect(OPENAI_COMPATIBLE_EMBEDDING_PRESETS.infinity.baseUrl).toBe('http://127.0.0.1:7997');
    expect(OPENAI_COMPATIBLE_EMBEDDING_PRESETS.vllm.baseUrl).toBe('http://127.0.0.1:8000/v1');
  });

  it.each<[OpenAICompatibleEmbeddingPresetName, string, string, string]>([
    ['ollama', 'nomic-embed-text', '/v1', 'ollama-embeddings.json'],
    ['tei', 'BAAI/bge-small-en-v1.5', '/v1', 'tei-embeddings.json'],
    ['infinity', 'BAAI/bge-small-en-v1.5', '', 'infinity-embeddings.json'],
    ['vllm', 'BAAI/bge-base-en-v1.5', '/v1', 'vllm-embeddings.json'],
  ])('%s: posts floats-please to %s and reads the vectors', async (preset, model, prefix, file) => {
    replay.server.enqueue({ body: fixture(file) });
    const embedder = openAICompatibleEmbeddingPreset({
      preset,
      model,
      baseUrl: `${replay.server.url}${prefix}`,
    });
    const response = await embedder.embed({ texts: ['first text', 'second text'] });
    expect(response.embeddings).toEqual(VECTORS);
    expect(response.model).toBe(model);
    expect(response.usage.inputTokens).toBe(preset === 'ollama' ? 9 : 11);
    const sent = replay.server.requests[0];
    expect(sent.path).toBe(`${prefix}/embeddings`);
    expect(sent.headers.authorization).toBeUndefined();
    expect(sent.body).toEqual({
      model,
      input: ['first text', 'second text'],
      encoding_format: 'float',
    });
    expect(embedder.info().provider).toBe(preset);
  });

  it('tei: sends at most 32 texts a request (its --max-client-batch-size)', async () => {
    replay.server.respondWith((request) => {
      const input = (request.body as { input: string[] }).input;
      const data = input.map((_, index) => ({ index, embedding: [index, 0, 0, 0] }));
      return { body: JSON.stringify({ data, model: 'm', usage: { prompt_tokens: 1 } }) };
    });
    const embedder = openAICompatibleEmbeddingPreset({
      preset: 'tei',
      model: 'm',
      baseUrl: replay.server.url,
    });
    const texts = Array.from({ length: 70 }, (_, i) => `text ${i}`);
    const response = await embedder.embed({ texts });
    expect(response.embeddings).toHaveLength(70);
    expect(replay.server.requests.map((r) => (r.body as { input: string[] }).input.length)).toEqual(
      [32, 32, 6],
    );
  });

  it('settings override the preset (a key, base64, a batch size)', async () => {
    replay.server.enqueue({ body: fixture('vllm-embeddings.json') });
    const embedder = openAICompatibleEmbeddingPreset({
      preset: 'vllm',
      model: 'BAAI/bge-base-en-v1.5',
      baseUrl: `${replay.server.url}/v1`,
      apiKey: 'vllm-local-key-123',
      encodingFormat: 'base64',
    });
    await embedder.embed({ texts: ['a', 'b'] });
    expect(replay.server.requests[0].headers.authorization).toBe('Bearer vllm-local-key-123');
    expect(replay.server.requests[0].body).toMatchObject({ encoding_format: 'base64' });
  });

  it('errors are typed and name the server: a missing Ollama model, a TEI batch refusal', async () => {
    replay.server.enqueue({ status: 404, body: fixture('ollama-error.404.json') });
    const ollama = openAICompatibleEmbeddingPreset({
      preset: 'ollama',
      model: 'nomic-embed-text',
      baseUrl: `${replay.server.url}/v1`,
    });
    const missing = ollama.embed({ texts: ['a'] });
    await expect(missing).rejects.toBeInstanceOf(NotFoundError);
    await expect(missing).rejects.toThrow('not found, try pulling it first');

    replay.server.enqueue({ status: 413, body: fixture('tei-error.413.json') });
    const tei = openAICompatibleEmbeddingPreset({
      preset: 'tei',
      model: 'm',
      baseUrl: replay.server.url,
    });
    const refused = tei.embed({ texts: ['a'] });
    await expect(refused).rejects.toBeInstanceOf(ProviderError);
    await expect(refused).rejects.toMatchObject({ provider: 'tei', status: 413 });
  });
});
