import { ConduitValidationError } from '../core/errors/conduit-validation.error';
import { validateConduitOptions } from '../validate-conduit-options';
import { MockChatModel } from '../testing';

function problemsOf(options: Record<string, unknown>): string {
  try {
    validateConduitOptions(options, {});
  } catch (error: unknown) {
    expect(error).toBeInstanceOf(ConduitValidationError);
    return (error as Error).message;
  }
  return '';
}

const models = {
  default: new MockChatModel(),
  backup: new MockChatModel(),
  local: new MockChatModel(),
};

describe('fallback options at bootstrap', () => {
  it('checks per-alias breaker settings and the failure-rate rule', () => {
    const message = problemsOf({
      models,
      fallbacks: { default: ['backup'] },
      circuitBreaker: {
        failureRate: { threshold: 1.5, windowMs: 0, minimumCalls: 2.5 },
        aliases: { nope: false, backup: { cooldownMs: -1 }, local: 'off' },
      },
    });
    expect(message).toContain('circuitBreaker.failureRate.threshold: must be a share in (0, 1]');
    expect(message).toContain(
      'circuitBreaker.failureRate.windowMs: must be a positive whole number of ms',
    );
    expect(message).toContain(
      'circuitBreaker.failureRate.minimumCalls: must be a positive whole number',
    );
    expect(message).toContain('circuitBreaker.aliases.nope: no model "nope" is configured');
    expect(message).toContain(
      'circuitBreaker.aliases.backup.cooldownMs: must be a number of milliseconds',
    );
    expect(message).toContain(
      'circuitBreaker.aliases.local: must be false or { failureThreshold, cooldownMs }',
    );
    expect(
      problemsOf({
        models,
        fallbacks: { default: ['backup'] },
        circuitBreaker: {
          failureRate: {},
          aliases: { local: false, backup: { failureRate: false } },
        },
      }),
    ).toBe('');
  });

  it('accepts a chain of known aliases', () => {
    expect(problemsOf({ models, fallbacks: { default: ['backup', 'local'] } })).toBe('');
  });

  it('names an unknown alias in a chain and lists the known ones', () => {
    const message = problemsOf({ models, fallbacks: { default: ['nope'] } });
    expect(message).toContain(
      'fallbacks.default[0]: no model "nope" is configured; known: default, backup, local',
    );
  });

  it('names an unknown alias as a chain key', () => {
    expect(problemsOf({ models, fallbacks: { ghost: ['backup'] } })).toContain(
      'fallbacks.ghost: no model "ghost" is configured',
    );
  });

  it('refuses an alias that falls back to itself', () => {
    expect(problemsOf({ models, fallbacks: { default: ['default'] } })).toContain(
      'fallbacks.default[0]: "default" is already in this chain',
    );
  });

  it('reports a cycle between chains once', () => {
    const message = problemsOf({
      models,
      fallbacks: { default: ['backup'], backup: ['local'], local: ['default'] },
    });
    expect(message).toContain('forms a cycle (backup -> local -> default -> backup)');
    expect(message.match(/forms a cycle/g)).toHaveLength(1);
  });

  it('refuses embedding fallbacks between models of different dimensions', () => {
    const message = problemsOf({
      models,
      embeddingModels: {
        default: {
          provider: 'openai',
          model: 'text-embedding-3-small',
          apiKey: 'sk-x',
          dimensions: 1536,
        },
        small: {
          provider: 'openai',
          model: 'text-embedding-3-small',
          apiKey: 'sk-x',
          dimensions: 512,
        },
      },
      embeddingFallbacks: { default: ['small'] },
    });
    expect(message).toContain(
      'embeddingFallbacks.default[0]: "small" makes vectors of 512 dimensions',
    );
  });

  it('checks fallbackOn and circuitBreaker', () => {
    const message = problemsOf({
      models,
      fallbackOn: ['ContextLengthExceededError'],
      circuitBreaker: { failureThreshold: 0, cooldownMs: -1 },
    });
    expect(message).toContain('fallbackOn: must be an array of error classes');
    expect(message).toContain('circuitBreaker.failureThreshold: must be a positive whole number');
    expect(message).toContain('circuitBreaker.cooldownMs: must be a number of milliseconds');
  });
});
