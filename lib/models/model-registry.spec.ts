import { ConduitValidationError } from '../core';
import { MockChatModel, MockEmbeddingModel } from '../testing';
import { ModelRegistry } from './model-registry';

describe('ModelRegistry', () => {
  const chat = new MockChatModel();
  const fast = new MockChatModel();
  const embedding = new MockEmbeddingModel();
  const registry = new ModelRegistry(
    [
      ['default', chat],
      ['fast', fast],
    ],
    [['default', embedding]],
  );

  it('finds models by alias, `default` when none is given', () => {
    expect(registry.getChatModel()).toBe(chat);
    expect(registry.getChatModel('fast')).toBe(fast);
    expect(registry.getEmbeddingModel()).toBe(embedding);
    expect(registry.chatAliases()).toEqual(['default', 'fast']);
    expect(registry.embeddingAliases()).toEqual(['default']);
  });

  it('rejects an unknown alias with a validation error listing the known ones', () => {
    expect(() => registry.getChatModel('smart')).toThrow(ConduitValidationError);
    expect(() => registry.getChatModel('smart')).toThrow(
      'Unknown model alias:\n  - model: unknown chat model alias "smart"; known aliases: default, fast',
    );
    expect(() => registry.getEmbeddingModel('large')).toThrow(
      'model: unknown embedding model alias "large"; known aliases: default',
    );
  });

  it('explains how to add embedding models when there are none', () => {
    expect(() => new ModelRegistry([['default', chat]]).getEmbeddingModel()).toThrow(
      'model: no embedding models are configured; add embeddingModels: { default: ... } to ConduitModule.forRoot',
    );
  });
});
