import { CONSERVATIVE_CAPABILITIES } from './default-capabilities';
import { findModelInfo, normalizeModelId } from './find-model-info';
import { MODEL_CATALOGUE } from './model-catalogue';
import { unknownModelMessage, warnUnknownModelOnce } from './unknown-model-warning';

describe('normalizeModelId', () => {
  it.each([
    ['gpt-4o-2024-08-06', 'gpt-4o'],
    ['claude-sonnet-4-20250514', 'claude-sonnet-4'],
    ['grok-4-0709', 'grok-4'],
    ['claude-3-7-sonnet-latest', 'claude-3-7-sonnet'],
    [' GPT-4o ', 'gpt-4o'],
    ['gpt-5.4-mini', 'gpt-5.4-mini'],
  ])('maps %s to %s', (id, expected) => {
    expect(normalizeModelId(id)).toBe(expected);
  });
});

describe('findModelInfo', () => {
  it.each([
    // Every model id that appears in the recorded fixtures.
    ['openai', 'gpt-4o-2024-08-06', 'gpt-4o'],
    ['openai', 'gpt-5-mini-2025-08-07', 'gpt-5-mini'],
    ['openai', 'gpt-5-2025-08-07', 'gpt-5'],
    ['openai', 'gpt-5-nano-2025-08-07', 'gpt-5-nano'],
    ['openai', 'text-embedding-3-small', 'text-embedding-3-small'],
    ['anthropic', 'claude-sonnet-4-20250514', 'claude-sonnet-4'],
    ['anthropic', 'claude-sonnet-4-0', 'claude-sonnet-4'],
    ['anthropic', 'claude-sonnet-4-5-20250929', 'claude-sonnet-4-5'],
    ['anthropic', 'claude-haiku-4-5-20251001', 'claude-haiku-4-5'],
    ['anthropic', 'claude-fable-5-1', 'claude-fable-5-1'],
    ['groq', 'openai/gpt-oss-120b', 'openai/gpt-oss-120b'],
    ['groq', 'llama-3.3-70b-versatile', 'llama-3.3-70b-versatile'],
    ['groq', 'qwen/qwen3-32b', 'qwen/qwen3-32b'],
    ['xai', 'grok-3-mini', 'grok-3-mini'],
    ['xai', 'grok-code-fast-1', 'grok-code-fast-1'],
    ['openai', 'gpt-5.6', 'gpt-5.6-sol'],
  ])('resolves %s %s to the catalogue entry %s', (provider, id, catalogueId) => {
    const lookup = findModelInfo(provider, id);
    expect(lookup.known).toBe(true);
    expect(lookup.catalogueId).toBe(catalogueId);
    // The id asked for is kept: it is what the provider is called with.
    expect(lookup.info.modelId).toBe(id);
    expect(lookup.info.provider).toBe(provider);
    expect(lookup.info.pricing?.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('returns the capabilities and prices of a dated snapshot', () => {
    const { info } = findModelInfo('openai', 'gpt-4o-2024-08-06');
    expect(info.capabilities).toMatchObject({
      streaming: true,
      tools: true,
      parallelToolCalls: true,
      vision: true,
      structuredOutput: true,
      reasoning: false,
      maxContextTokens: 128_000,
      maxOutputTokens: 16_384,
    });
    expect(info.pricing).toMatchObject({
      inputPerMillion: 2.5,
      outputPerMillion: 10,
      cacheReadPerMillion: 1.25,
    });
  });

  it('keeps Anthropic cache write prices', () => {
    const { info } = findModelInfo('anthropic', 'claude-sonnet-4-5-20250929');
    expect(info.pricing).toMatchObject({
      inputPerMillion: 3,
      outputPerMillion: 15,
      cacheReadPerMillion: 0.3,
      cacheWritePerMillion: 3.75,
    });
    expect(info.capabilities.maxOutputTokens).toBe(64_000);
  });

  it('gives an unknown id conservative defaults, no prices and known: false', () => {
    const lookup = findModelInfo('openai', 'gpt-9-ultra');
    expect(lookup).toEqual({
      known: false,
      info: { provider: 'openai', modelId: 'gpt-9-ultra', capabilities: CONSERVATIVE_CAPABILITIES },
    });
    expect(lookup.info.capabilities.vision).toBe(false);
    expect(lookup.info.capabilities.maxContextTokens).toBeUndefined();
  });

  it('looks models up per provider', () => {
    expect(findModelInfo('groq', 'gpt-4o').known).toBe(false);
    expect(findModelInfo('ollama', 'llama-3.3-70b-versatile').known).toBe(false);
  });

  it('lets user-set capability flags win over the catalogue and the defaults', () => {
    expect(findModelInfo('openai', 'gpt-4o', { vision: false }).info.capabilities.vision).toBe(
      false,
    );
    const local = findModelInfo('ollama', 'llava:13b', { vision: true, maxContextTokens: 4096 });
    expect(local.info.capabilities).toMatchObject({
      vision: true,
      maxContextTokens: 4096,
      tools: true,
    });
  });
});

describe('MODEL_CATALOGUE', () => {
  it('covers the six providers', () => {
    const providers = new Set(MODEL_CATALOGUE.map((e) => e.provider));
    expect([...providers].sort()).toEqual([
      'anthropic',
      'google',
      'groq',
      'openai',
      'perplexity',
      'xai',
    ]);
  });

  it('has one entry per provider and id, aliases included', () => {
    const keys = MODEL_CATALOGUE.flatMap((e) =>
      [e.modelId, ...(e.aliases ?? [])].map((id) => `${e.provider}/${id}`),
    );
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('holds consistent numbers', () => {
    for (const { modelId, pricing, capabilities } of MODEL_CATALOGUE) {
      expect({
        modelId,
        ok: pricing.inputPerMillion >= 0 && pricing.outputPerMillion >= 0,
      }).toEqual({
        modelId,
        ok: true,
      });
      // A cache hit never costs more than a plain input token.
      expect(pricing.cacheReadPerMillion ?? 0).toBeLessThanOrEqual(pricing.inputPerMillion);
      expect(normalizeModelId(modelId)).toBe(modelId);
      if (
        capabilities.maxContextTokens !== undefined &&
        capabilities.maxOutputTokens !== undefined
      ) {
        expect(capabilities.maxOutputTokens).toBeLessThanOrEqual(capabilities.maxContextTokens);
      }
    }
  });
});

describe('warnUnknownModelOnce', () => {
  it('warns once per provider and model, never for known models', () => {
    const warn = jest.fn();
    expect(warnUnknownModelOnce(findModelInfo('openai', 'gpt-4o'), warn)).toBe(false);
    expect(warnUnknownModelOnce(findModelInfo('xai', 'grok-99'), warn)).toBe(true);
    expect(warnUnknownModelOnce(findModelInfo('xai', 'grok-99'), warn)).toBe(false);
    expect(warnUnknownModelOnce(findModelInfo('groq', 'grok-99'), warn)).toBe(true);
    expect(warn.mock.calls).toEqual([
      [unknownModelMessage('xai', 'grok-99')],
      [unknownModelMessage('groq', 'grok-99')],
    ]);
    expect(unknownModelMessage('xai', 'grok-99')).toContain('"grok-99"');
  });

  it('defaults to a process warning with a code', () => {
    const emit = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      warnUnknownModelOnce(findModelInfo('anthropic', 'claude-unknown-1'));
      expect(emit).toHaveBeenCalledWith(unknownModelMessage('anthropic', 'claude-unknown-1'), {
        code: 'CONDUIT_UNKNOWN_MODEL',
      });
    } finally {
      emit.mockRestore();
    }
  });
});
