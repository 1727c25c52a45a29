import { ConduitValidationError } from './core/errors/conduit-validation.error';
import { MockChatModel, MockEmbeddingModel } from './testing';
import { knownProviderNames } from './models/model-factories';
import { validateConduitOptions } from './validate-conduit-options';

const withKey = { OPENAI_API_KEY: 'sk-from-env' };
const noKey = {};

function issuesOf(options: unknown, env: Record<string, string> = withKey): string[] {
  try {
    validateConduitOptions(options, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConduitValidationError);
    expect((error as Error).message.startsWith('Invalid ConduitModule options:\n')).toBe(true);
    return (error as ConduitValidationError).issues.map((i) => `${i.path}: ${i.message}`);
  }
  return [];
}

describe('validateConduitOptions', () => {
  it('accepts a minimal OpenAI configuration when OPENAI_API_KEY is set', () => {
    const options = { models: { default: { provider: 'openai', model: 'gpt-4o-mini' } } };
    expect(validateConduitOptions(options, withKey)).toBe(options);
  });

  it('names the option and the env variable when no API key is available', () => {
    expect(
      issuesOf({ models: { default: { provider: 'openai', model: 'gpt-4o-mini' } } }, noKey),
    ).toEqual(['models.default.apiKey: missing; pass apiKey or set OPENAI_API_KEY']);
  });

  it('needs no key when baseUrl points at a local server', () => {
    const options = {
      models: {
        default: { provider: 'openai', model: 'llama3.1', baseUrl: 'http://127.0.0.1:11434/v1' },
      },
    };
    expect(issuesOf(options, noKey)).toEqual([]);
  });

  it('lists every problem at once, one path a line', () => {
    let error: ConduitValidationError | undefined;
    try {
      validateConduitOptions(
        {
          models: {
            fast: { provider: 'antropic', model: '' },
            local: { provider: 'openai', model: 'x', baseUrl: 'not a url' },
          },
          timeoutMs: -5,
        },
        noKey,
      );
    } catch (e) {
      error = e as ConduitValidationError;
    }
    expect(error?.issues.map((i) => i.path)).toEqual([
      'models.default',
      'models.fast.provider',
      'models.fast.model',
      'models.local.baseUrl',
      'timeoutMs',
    ]);
    expect(error?.message).toContain(
      '  - models.default: missing; ChatService uses the "default" model when a call names none, so add models.default; rename one of: fast, local',
    );
    expect(error?.message).toContain(
      '  - models.fast.provider: unknown provider "antropic"; expected one of: openai',
    );
    expect(error?.message).toContain(
      '  - models.fast.model: must be a non-empty model id such as "gpt-4o-mini"',
    );
  });

  it('explains what to pass when models is missing', () => {
    expect(issuesOf({})).toEqual([
      "models: missing; pass models: { default: { provider: 'openai', model: 'gpt-4o-mini' } }",
    ]);
    expect(issuesOf(undefined)).toEqual([
      '(options): must be an object such as { models: { default: ... } }',
    ]);
  });

  it('accepts ready-made model instances without checking keys', () => {
    const options = {
      models: { default: new MockChatModel() },
      embeddingModels: { default: new MockEmbeddingModel() },
    };
    expect(issuesOf(options, noKey)).toEqual([]);
  });

  it('rejects an embedding model given as a chat model and vice versa', () => {
    expect(
      issuesOf({
        models: { default: new MockEmbeddingModel() },
        embeddingModels: { default: new MockChatModel() },
      }),
    ).toEqual([
      'models.default: is an EmbeddingModel; put it under embeddingModels',
      'embeddingModels.default: is a ChatModel; put it under models',
    ]);
    expect(issuesOf({ models: { default: { model: 'gpt-4o' } } })).toEqual([
      `models.default.provider: missing; expected one of: ${knownProviderNames().join(', ')} (or pass a ChatModel instance)`,
    ]);
    expect(issuesOf({ models: { default: 'gpt-4o' } })).toEqual([
      "models.default: must be a model configuration ({ provider: 'openai', model: '...' }) or a ChatModel instance",
    ]);
  });

  it('checks embedding models: default required, dimensions a positive integer, key from env', () => {
    expect(
      issuesOf(
        {
          models: { default: new MockChatModel() },
          embeddingModels: {
            small: { provider: 'openai', model: 'text-embedding-3-small', dimensions: 0 },
          },
        },
        noKey,
      ),
    ).toEqual([
      'embeddingModels.default: missing; ChatService.embed uses the "default" model when a call names none, so add embeddingModels.default; rename one of: small',
      'embeddingModels.small.apiKey: missing; pass apiKey or set OPENAI_API_KEY',
      'embeddingModels.small.dimensions: must be a positive whole number',
    ]);
  });

  it('checks the optional connection settings without echoing their values', () => {
    const issues = issuesOf({
      models: {
        default: {
          provider: 'openai',
          model: 'gpt-4o',
          apiKey: '',
          baseUrl: 'ftp://user:secret@host',
          organization: 1,
          headers: { 'x-a': 2 },
        },
      },
    });
    expect(issues).toEqual([
      'models.default.baseUrl: must be an absolute http(s) URL such as "http://127.0.0.1:11434/v1"',
      'models.default.apiKey: must be a non-empty string',
      'models.default.organization: must be a string',
      'models.default.headers: must be an object of string values',
    ]);
    expect(issues.join('\n')).not.toContain('secret');
  });

  it('checks the HTTP settings of chat and embedding models: maxConnections and timeoutMs', () => {
    const issues = issuesOf({
      models: {
        default: {
          provider: 'anthropic',
          model: 'claude-sonnet-4-5',
          apiKey: 'k',
          maxConnections: 0,
        },
        slow: { provider: 'openai', model: 'gpt-4o', timeoutMs: -1 },
        fine: { provider: 'openai', model: 'gpt-4o', maxConnections: 16, timeoutMs: 0 },
      },
      embeddingModels: {
        default: { provider: 'openai', model: 'text-embedding-3-small', maxConnections: 2.5 },
      },
    });
    expect(issues).toEqual([
      'models.default.maxConnections: must be a positive whole number',
      'models.slow.timeoutMs: must be a whole number of milliseconds from 0 (no timeout) to 2147483647',
      'embeddingModels.default.maxConnections: must be a positive whole number',
    ]);
  });

  it('checks interceptors and that per-model interceptors name configured aliases', () => {
    const interceptor = { intercept: jest.fn() };
    expect(
      issuesOf({
        models: { default: new MockChatModel() },
        interceptors: [interceptor, 'nope'],
        modelInterceptors: { default: [interceptor], fast: [interceptor] },
        embeddingModelInterceptors: { default: {} },
      }),
    ).toEqual([
      'interceptors[1]: must be an interceptor class or an object with an intercept(context, next) method',
      'modelInterceptors.fast: no model "fast" is configured; known: default',
      'embeddingModelInterceptors.default: no model "default" is configured; known: (none)',
      'embeddingModelInterceptors.default: must be an array of interceptor classes or instances',
    ]);
  });

  it('flags unknown options and an isGlobal returned by an async factory', () => {
    const issues = issuesOf({
      models: { default: new MockChatModel() },
      model: 'x',
      isGlobal: true,
    });
    expect(issues).toHaveLength(2);
    expect(issues[0]).toMatch(
      /^model: unknown option; expected one of: models, embeddingModels, interceptors, modelInterceptors, embeddingModelInterceptors, timeoutMs\b/,
    );
    expect(issues[1]).toBe('isGlobal: has no effect here; pass isGlobal to forRootAsync itself');
  });

  it('accepts timeoutMs 0 (no timeout) and rejects fractions and values setTimeout cannot hold', () => {
    const base = { models: { default: new MockChatModel() } };
    expect(issuesOf({ ...base, timeoutMs: 0 })).toEqual([]);
    expect(issuesOf({ ...base, timeoutMs: 1.5 })).toHaveLength(1);
    expect(issuesOf({ ...base, timeoutMs: 2 ** 31 })).toHaveLength(1);
  });
});
