import { createChatModel, createEmbeddingModel } from './create-model';

describe('createChatModel: an environment key sent to another host', () => {
  const SECRET = 'sk-env-key-create-model-spec-0123456789';

  it('warns once, naming the variable and the host but never the key', () => {
    const warnings: string[] = [];
    const warn = (message: string): number => warnings.push(message);
    const config = {
      provider: 'openai',
      model: 'llama3.2',
      baseUrl: 'http://127.0.0.1:11434/v1',
    } as const;
    createChatModel(config, { OPENAI_API_KEY: SECRET }, warn);
    createChatModel(config, { OPENAI_API_KEY: SECRET }, warn);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('OPENAI_API_KEY');
    expect(warnings[0]).toContain('127.0.0.1');
    expect(warnings[0]).not.toContain(SECRET);
  });

  it('does not warn for the provider own host, an explicit apiKey, or openai-compatible', () => {
    const warnings: string[] = [];
    const warn = (message: string): number => warnings.push(message);
    const env = { OPENAI_API_KEY: SECRET, OPENAI_COMPATIBLE_API_KEY: SECRET };
    createChatModel(
      { provider: 'openai', model: 'gpt-4o-mini', baseUrl: 'https://api.openai.com/v1' },
      env,
      warn,
    );
    createChatModel(
      { provider: 'openai', model: 'gpt-4o-mini', baseUrl: 'http://10.1.2.3/v1', apiKey: 'sk-x' },
      env,
      warn,
    );
    createChatModel(
      { provider: 'openai-compatible', model: 'llama3.2', baseUrl: 'http://10.1.2.4/v1' },
      env,
      warn,
    );
    createChatModel({ provider: 'openai', model: 'gpt-4o-mini' }, env, warn);
    expect(warnings).toEqual([]);
  });

  it('warns for embedding models too', () => {
    const warnings: string[] = [];
    createEmbeddingModel(
      { provider: 'openai', model: 'text-embedding-3-small', baseUrl: 'http://embed.internal/v1' },
      { OPENAI_API_KEY: SECRET },
      (message) => warnings.push(message),
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('embed.internal');
  });
});
