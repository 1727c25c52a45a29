import { Test } from '@nestjs/testing';
import { ConduitModule } from '../conduit.module';
import { ConduitValidationError } from '../core/errors/conduit-validation.error';
import { AnthropicChatModel } from '../providers/anthropic';
import { GroqChatModel } from '../providers/groq';
import { OpenAIChatModel } from '../providers/openai';
import { OpenAICompatibleChatModel } from '../providers/openai-compatible';
import { OpenAIResponsesChatModel } from '../providers/openai-responses';
import { XaiChatModel } from '../providers/xai';
import { createChatModel } from './create-model';
import { knownProviderNames } from './model-factories';
import { ModelRegistry } from './model-registry';
import { validateConduitOptions } from '../validate-conduit-options';

function issuesOf(models: Record<string, unknown>, env: Record<string, string> = {}): string[] {
  try {
    validateConduitOptions({ models }, env);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ConduitValidationError);
    return (error as ConduitValidationError).issues.map((i) => `${i.path}: ${i.message}`);
  }
}

describe('model factories', () => {
  it('builds every provider from configuration, with keys from their env variables', () => {
    const env = {
      ANTHROPIC_API_KEY: 'a',
      GROQ_API_KEY: 'g',
      XAI_API_KEY: 'x',
      OPENAI_API_KEY: 'o',
    };
    expect(createChatModel({ provider: 'openai', model: 'gpt-4o-mini' }, env)).toBeInstanceOf(
      OpenAIChatModel,
    );
    expect(
      createChatModel({ provider: 'openai', model: 'gpt-5', api: 'responses' }, env),
    ).toBeInstanceOf(OpenAIResponsesChatModel);
    const claude = createChatModel({ provider: 'anthropic', model: 'claude-sonnet-4-5' }, env);
    expect(claude).toBeInstanceOf(AnthropicChatModel);
    expect(claude.info()).toMatchObject({ provider: 'anthropic', modelId: 'claude-sonnet-4-5' });
    expect(
      createChatModel({ provider: 'groq', model: 'llama-3.3-70b-versatile' }, env),
    ).toBeInstanceOf(GroqChatModel);
    expect(createChatModel({ provider: 'xai', model: 'grok-4' }, env)).toBeInstanceOf(XaiChatModel);
  });

  it('builds OpenAI-compatible models from a preset or a base URL, named after it', () => {
    const ollama = createChatModel(
      { provider: 'openai-compatible', preset: 'ollama', model: 'qwen3:8b' },
      {},
    );
    expect(ollama).toBeInstanceOf(OpenAICompatibleChatModel);
    expect(ollama.info()).toMatchObject({ provider: 'ollama', modelId: 'qwen3:8b' });
    const vllm = createChatModel(
      {
        provider: 'openai-compatible',
        baseUrl: 'http://127.0.0.1:8000/v1',
        model: 'm',
        providerName: 'vllm',
      },
      {},
    );
    expect(vllm.info().provider).toBe('vllm');
  });

  it('names each provider env variable when its key is missing', () => {
    expect(
      issuesOf({
        default: { provider: 'anthropic', model: 'claude-sonnet-4-5' },
        groq: { provider: 'groq', model: 'llama-3.3-70b-versatile' },
        xai: { provider: 'xai', model: 'grok-4' },
      }),
    ).toEqual([
      'models.default.apiKey: missing; pass apiKey or set ANTHROPIC_API_KEY',
      'models.groq.apiKey: missing; pass apiKey or set GROQ_API_KEY',
      'models.xai.apiKey: missing; pass apiKey or set XAI_API_KEY',
    ]);
  });

  it('needs no key for openai-compatible but a preset or a base URL, and a known preset', () => {
    expect(
      issuesOf({ default: { provider: 'openai-compatible', preset: 'vllm', model: 'm' } }),
    ).toEqual([]);
    expect(issuesOf({ default: { provider: 'openai-compatible', model: 'm' } })).toEqual([
      'models.default.baseUrl: missing; give the server address or a preset (ollama, vllm, lm-studio, llama-cpp)',
    ]);
    expect(
      issuesOf({ default: { provider: 'openai-compatible', preset: 'nope', model: 'm' } }),
    ).toEqual([
      'models.default.preset: unknown preset; expected one of: ollama, vllm, lm-studio, llama-cpp',
    ]);
  });

  it("rejects an OpenAI api other than 'chat' or 'responses'", () => {
    expect(
      issuesOf({ default: { provider: 'openai', model: 'gpt-5', api: 'assistants', apiKey: 'k' } }),
    ).toEqual(["models.default.api: must be 'chat' or 'responses'"]);
  });

  it('lists every provider in the unknown-provider message', () => {
    const names = knownProviderNames();
    expect(names).toEqual(
      expect.arrayContaining([
        'openai',
        'anthropic',
        'groq',
        'xai',
        'azure',
        'mistral',
        'deepseek',
        'openrouter',
        'together',
        'fireworks',
        'perplexity',
        'openai-compatible',
      ]),
    );
    expect(issuesOf({ default: { provider: 'cohere', model: 'm' } })).toEqual([
      `models.default.provider: unknown provider "cohere"; expected one of: ${names.join(', ')}`,
    ]);
  });

  it('serves mixed providers by alias through ConduitModule', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        ConduitModule.forRoot({
          models: {
            default: { provider: 'anthropic', model: 'claude-haiku-4-5', apiKey: 'sk-ant-test' },
            fast: { provider: 'groq', model: 'llama-3.1-8b-instant', apiKey: 'gsk-test' },
            local: { provider: 'openai-compatible', preset: 'llama-cpp', model: 'local' },
          },
        }),
      ],
    }).compile();
    const registry = moduleRef.get(ModelRegistry);
    expect(registry.getChatModel().info().provider).toBe('anthropic');
    expect(registry.getChatModel('fast').info().provider).toBe('groq');
    expect(registry.getChatModel('local').info().provider).toBe('llama-cpp');
    await moduleRef.close();
  });
});
