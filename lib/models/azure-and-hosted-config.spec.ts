import { Test } from '@nestjs/testing';
import { ChatService } from '../chat/chat.service';
import { ConduitModule } from '../conduit.module';
import { useReplayServer } from '../../test/support/replay-server';
import { createChatModel, createEmbeddingModel } from './create-model';
import { validateModelConfig } from './validate-model-config';

const issuesOf = (config: unknown, env: Record<string, string> = {}): string[] =>
  validateModelConfig(config, 'models.default', 'chat', env).map(
    (issue) => `${issue.path}: ${issue.message}`,
  );

describe('azure and the hosted presets in the module configuration', () => {
  const replay = useReplayServer();

  it('builds each hosted preset on its own address, with its key variable', async () => {
    const cases = [
      ['mistral', 'MISTRAL_API_KEY', 'mistral-small-latest'],
      ['deepseek', 'DEEPSEEK_API_KEY', 'deepseek-chat'],
      ['openrouter', 'OPENROUTER_API_KEY', 'openai/gpt-4o-mini'],
      ['together', 'TOGETHER_API_KEY', 'meta-llama/Llama-3.3-70B-Instruct-Turbo'],
      ['fireworks', 'FIREWORKS_API_KEY', 'accounts/fireworks/models/llama-v3p1-8b-instruct'],
      ['perplexity', 'PERPLEXITY_API_KEY', 'sonar'],
    ] as const;
    for (const [provider, variable, model] of cases) {
      expect(issuesOf({ provider, model })).toEqual([
        `models.default.apiKey: missing; pass apiKey or set ${variable}`,
      ]);
      expect(issuesOf({ provider, model }, { [variable]: 'k' })).toEqual([]);
      replay.server.enqueue({ fixture: 'openai/chat-text.json' });
      const built = createChatModel(
        { provider, model, baseUrl: replay.server.baseUrl, capabilities: {} },
        { [variable]: `${provider}-env-key` },
        () => undefined,
      );
      expect(built.info()).toMatchObject({ provider, modelId: model });
      await built.chat({ messages: [{ role: 'user', content: 'Hi' }] });
      const sent = replay.server.requests[replay.server.requests.length - 1];
      expect(sent?.headers['authorization']).toBe(`Bearer ${provider}-env-key`);
      expect(sent?.path).toBe('/v1/chat/completions');
    }
  });

  it('azure: the key, endpoint or resource name from the environment; getToken needs no key', () => {
    expect(issuesOf({ provider: 'azure', model: 'gpt-4o' })).toEqual([
      'models.default.apiKey: missing; pass apiKey or set AZURE_OPENAI_API_KEY',
      'models.default.endpoint: missing; give endpoint or resourceName (or set AZURE_OPENAI_ENDPOINT)',
    ]);
    expect(
      issuesOf(
        { provider: 'azure', model: 'gpt-4o' },
        { AZURE_OPENAI_API_KEY: 'k', AZURE_OPENAI_RESOURCE_NAME: 'my-res' },
      ),
    ).toEqual([]);
    expect(
      issuesOf({
        provider: 'azure',
        model: 'gpt-4o',
        endpoint: 'https://r.openai.azure.com',
        getToken: async () => 't',
      }),
    ).toEqual([]);
    expect(
      issuesOf({
        provider: 'azure',
        model: 'gpt-4o',
        resourceName: 7,
        deployment: 'a/b',
        apiKey: 'k',
        getToken: 'token',
      }),
    ).toEqual([
      'models.default.resourceName: must be a string',
      'models.default.deployment: must be a deployment name without / ? # or spaces',
      'models.default.getToken: give apiKey or getToken, not both',
      'models.default.getToken: must be a function returning a token promise',
    ]);
  });

  it('azure: a getToken config ignores AZURE_OPENAI_API_KEY and signs in with the token', async () => {
    replay.server.enqueue(
      { fixture: 'openai/chat-text.json' },
      { fixture: 'openai/embeddings.json' },
    );
    const env = {
      AZURE_OPENAI_API_KEY: 'env-key-not-for-entra',
      AZURE_OPENAI_ENDPOINT: replay.server.url,
    };
    const chat = createChatModel(
      { provider: 'azure', model: 'gpt-4o', getToken: async () => 'entra' },
      env,
      () => undefined,
    );
    await chat.chat({ messages: [{ role: 'user', content: 'Hi' }] });
    const embedder = createEmbeddingModel(
      { provider: 'azure', model: 'text-embedding-3-small', deployment: 'emb' },
      env,
      () => undefined,
    );
    await embedder.embed({ texts: ['a', 'b'] });
    const [first, second] = replay.server.requests;
    expect(first?.path).toBe('/openai/v1/chat/completions');
    expect(first?.headers['authorization']).toBe('Bearer entra');
    expect(first?.headers['api-key']).toBeUndefined();
    expect(second?.path).toBe('/openai/deployments/emb/embeddings?api-version=2024-10-21');
    expect(second?.headers['api-key']).toBe('env-key-not-for-entra');
  });

  it('runs through ChatService from ConduitModule.forRoot', async () => {
    replay.server.enqueue({ fixture: 'openai/chat-text.json' });
    const moduleRef = await Test.createTestingModule({
      imports: [
        ConduitModule.forRoot({
          models: {
            default: {
              provider: 'azure',
              model: 'gpt-4o',
              endpoint: replay.server.url,
              deployment: 'gpt4o',
              apiKey: 'azure-module-key',
            },
          },
        }),
      ],
    }).compile();
    try {
      const answer = await moduleRef.get(ChatService).chat('Hi');
      expect(answer.text).toBe('\\(4200 + 42 = 4242\\).');
      expect(replay.server.requests[0]?.headers['api-key']).toBe('azure-module-key');
    } finally {
      await moduleRef.close();
    }
  });
});
