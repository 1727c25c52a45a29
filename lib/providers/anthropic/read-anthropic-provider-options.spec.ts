import { ConduitValidationError } from '../../core';
import { readAnthropicProviderOptions } from './read-anthropic-provider-options';

function issuesOf(run: () => unknown): readonly { path: string; message: string }[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConduitValidationError) return error.issues;
    throw error;
  }
  throw new Error('expected a ConduitValidationError');
}

describe('readAnthropicProviderOptions', () => {
  it('keeps raw keys for the body and resolves nothing when no typed key is given', () => {
    const options = readAnthropicProviderOptions({ top_k: 5, metadata: { user_id: 'u1' } }, 2);
    expect(options).toEqual({
      thinking: undefined,
      thinkingBudget: 0,
      cacheSystem: undefined,
      cacheTools: undefined,
      cacheMessages: new Map(),
      citations: false,
      extra: { top_k: 5, metadata: { user_id: 'u1' } },
    });
  });

  it('accepts thinking in typed and in wire form, both sent in wire form', () => {
    const typed = readAnthropicProviderOptions(
      { thinking: { type: 'enabled', budgetTokens: 2048 } },
      1,
    );
    expect(typed.thinking).toEqual({ type: 'enabled', budget_tokens: 2048 });
    expect(typed.thinkingBudget).toBe(2048);
    const wire = readAnthropicProviderOptions(
      { thinking: { type: 'enabled', budget_tokens: 1024 } },
      1,
    );
    expect(wire.thinking).toEqual({ type: 'enabled', budget_tokens: 1024 });
    expect(wire.thinkingBudget).toBe(1024);
    const adaptive = readAnthropicProviderOptions(
      { thinking: { type: 'adaptive', display: 'omitted' } },
      1,
    );
    expect(adaptive.thinking).toEqual({ type: 'adaptive', display: 'omitted' });
    expect(adaptive.thinkingBudget).toBe(0);
  });

  it('uses the model settings thinking unless the call gives its own', () => {
    const fromModel = readAnthropicProviderOptions(undefined, 1, {
      type: 'enabled',
      budgetTokens: 3000,
    });
    expect(fromModel.thinking).toEqual({ type: 'enabled', budget_tokens: 3000 });
    expect(fromModel.thinkingBudget).toBe(3000);
    const disabled = readAnthropicProviderOptions({ thinking: { type: 'disabled' } }, 1, {
      type: 'enabled',
      budgetTokens: 3000,
    });
    expect(disabled.thinking).toEqual({ type: 'disabled' });
    expect(disabled.thinkingBudget).toBe(0);
    expect(readAnthropicProviderOptions(undefined, 1, { type: 'adaptive' }).thinking).toEqual({
      type: 'adaptive',
    });
  });

  it('resolves cache breakpoints, negative message positions counting from the end', () => {
    const options = readAnthropicProviderOptions(
      {
        cacheControl: { system: true, tools: { type: 'ephemeral', ttl: '1h' }, messages: [0, -1] },
      },
      3,
    );
    expect(options.cacheSystem).toEqual({ type: 'ephemeral' });
    expect(options.cacheTools).toEqual({ type: 'ephemeral', ttl: '1h' });
    expect([...options.cacheMessages.keys()]).toEqual([0, 2]);
    expect(options.extra).toEqual({});
    expect(
      readAnthropicProviderOptions({ cacheControl: { system: false } }, 1).cacheSystem,
    ).toBeUndefined();
  });

  it('rejects malformed typed options with one issue each, before any request', () => {
    const issues = issuesOf(() =>
      readAnthropicProviderOptions(
        {
          thinking: { type: 'enabled', budgetTokens: -1 },
          cacheControl: { system: 'yes', tools: { type: 'persistent' }, messages: [5, 'x', -3] },
        },
        2,
      ),
    );
    expect(issues.map((i) => i.path)).toEqual([
      'providerOptions.anthropic.thinking.budgetTokens',
      'providerOptions.anthropic.cacheControl.system',
      'providerOptions.anthropic.cacheControl.tools',
      'providerOptions.anthropic.cacheControl.messages[0]',
      'providerOptions.anthropic.cacheControl.messages[1]',
      'providerOptions.anthropic.cacheControl.messages[2]',
    ]);
    expect(issues[3]?.message).toContain('one of the 2 messages');
  });

  it('rejects a thinking value without a type, a cacheControl that is not an object, and messages that are not an array', () => {
    expect(issuesOf(() => readAnthropicProviderOptions({ thinking: true }, 1))).toEqual([
      { path: 'providerOptions.anthropic.thinking', message: expect.stringContaining('`type`') },
    ]);
    expect(issuesOf(() => readAnthropicProviderOptions({ cacheControl: true }, 1))[0]?.path).toBe(
      'providerOptions.anthropic.cacheControl',
    );
    expect(
      issuesOf(() => readAnthropicProviderOptions({ cacheControl: { messages: 1 } }, 1))[0]?.path,
    ).toBe('providerOptions.anthropic.cacheControl.messages');
  });
});
