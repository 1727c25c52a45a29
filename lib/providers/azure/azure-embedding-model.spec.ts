import { AuthenticationError } from '../../core';
import { readFixtureJson } from '../../../test/support/fixtures';
import { useReplayServer } from '../../../test/support/replay-server';
import { AzureEmbeddingModel } from './azure-embedding-model';

const KEY = 'azure-embed-key-0123456789abcdef01234567';

describe('AzureEmbeddingModel', () => {
  const replay = useReplayServer();

  it('posts to the deployment with api-version and api-key, and reads the recorded vectors', async () => {
    replay.server.enqueue({ fixture: 'openai/embeddings.json' });
    const embedder = new AzureEmbeddingModel({
      endpoint: replay.server.url,
      deployment: 'embeddings',
      model: 'text-embedding-3-small',
      apiKey: KEY,
      dimensions: 5,
    });
    const recorded = readFixtureJson<{ data: { embedding: number[] }[] }>('openai/embeddings.json');
    const response = await embedder.embed({ texts: ['first', 'second'] });
    expect(response.embeddings).toEqual(recorded.data.map((d) => d.embedding));
    const sent = replay.server.requests[0];
    expect(sent?.path).toBe('/openai/deployments/embeddings/embeddings?api-version=2024-10-21');
    expect(sent?.headers['api-key']).toBe(KEY);
    expect(sent?.headers['authorization']).toBeUndefined();
    expect(sent?.body).toEqual({
      model: 'text-embedding-3-small',
      input: ['first', 'second'],
      encoding_format: 'base64',
      dimensions: 5,
    });
    expect(embedder.info()).toMatchObject({ provider: 'azure', modelId: 'text-embedding-3-small' });
    expect(embedder.maxBatchSize).toBe(2048);
    expect(JSON.stringify(embedder)).not.toContain(KEY);
  });

  it('v1 API with an Entra ID token; a failing token provider sends nothing', async () => {
    replay.server.enqueue({ fixture: 'openai/embeddings.json' });
    const embedder = new AzureEmbeddingModel({
      endpoint: replay.server.url,
      model: 'text-embedding-3-small',
      getToken: async () => 'entra-embed-token',
    });
    await embedder.embed({ texts: ['first', 'second'] });
    expect(replay.server.requests[0]?.path).toBe('/openai/v1/embeddings');
    expect(replay.server.requests[0]?.headers['authorization']).toBe('Bearer entra-embed-token');
    const failing = new AzureEmbeddingModel({
      endpoint: replay.server.url,
      model: 'text-embedding-3-small',
      getToken: () => Promise.reject(new TypeError('no managed identity')),
    });
    await expect(failing.embed({ texts: ['x'] })).rejects.toBeInstanceOf(AuthenticationError);
    expect(replay.server.requests).toHaveLength(1);
  });
});
