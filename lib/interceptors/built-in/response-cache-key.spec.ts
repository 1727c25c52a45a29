import {
  chatContext,
  embedContext,
  streamContext,
} from '../../../test/support/interceptor-harness';
import type { ChatRequest } from '../../core';
import { responseCacheKey } from './response-cache-key';
import { canonicalJson } from './stable-hash';

const base: ChatRequest = {
  messages: [{ role: 'user', content: 'Hi' }],
  temperature: 0,
  tools: [{ name: 'f', parameters: { type: 'object', properties: { a: { type: 'string' } } } }],
};

describe('responseCacheKey', () => {
  it('is a SHA-256 hex digest, equal for equal requests whatever their key order', () => {
    const reordered: ChatRequest = {
      tools: [{ parameters: { properties: { a: { type: 'string' } }, type: 'object' }, name: 'f' }],
      temperature: 0,
      messages: [{ content: 'Hi', role: 'user' }],
    };
    const key = responseCacheKey(chatContext({ request: base }));
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(responseCacheKey(chatContext({ request: reordered }))).toBe(key);
  });

  it('ignores the signal and the headers (which may carry keys)', () => {
    const key = responseCacheKey(chatContext({ request: base }));
    const withExtras: ChatRequest = {
      ...base,
      signal: new AbortController().signal,
      headers: { authorization: 'Bearer sk-secret' },
    };
    expect(responseCacheKey(chatContext({ request: withExtras }))).toBe(key);
  });

  it.each<[string, ChatRequest]>([
    ['the messages', { ...base, messages: [{ role: 'user', content: 'Hello' }] }],
    ['the temperature', { ...base, temperature: 0.7 }],
    ['the tools', { ...base, tools: [] }],
    ['the response format', { ...base, responseFormat: { type: 'json' } }],
    ['the provider options', { ...base, providerOptions: { openai: { user: 'u1' } } }],
    ['the tool choice', { ...base, toolChoice: 'required' }],
    ['top-p', { ...base, topP: 0.5 }],
    ['the max tokens', { ...base, maxTokens: 64 }],
    ['the stop sequences', { ...base, stop: ['END'] }],
    ['the seed', { ...base, seed: 7 }],
  ])('changes with %s', (_label, request) => {
    expect(responseCacheKey(chatContext({ request }))).not.toBe(
      responseCacheKey(chatContext({ request: base })),
    );
  });

  it('changes with the model, the provider and the kind of call', () => {
    const key = responseCacheKey(chatContext({ request: base }));
    const other = chatContext({ request: base });
    const otherModel = { ...other, modelInfo: { ...other.modelInfo!, modelId: 'gpt-4o' } };
    const otherProvider = { ...other, modelInfo: { ...other.modelInfo!, provider: 'groq' } };
    expect(responseCacheKey(otherModel)).not.toBe(key);
    expect(responseCacheKey(otherProvider)).not.toBe(key);
    expect(responseCacheKey(streamContext({ request: base }))).not.toBe(key);
  });

  it('keys embeddings by texts and dimensions', () => {
    const a = responseCacheKey(embedContext({ request: { texts: ['x'] } }));
    expect(responseCacheKey(embedContext({ request: { texts: ['x'] } }))).toBe(a);
    expect(responseCacheKey(embedContext({ request: { texts: ['x'], dimensions: 256 } }))).not.toBe(
      a,
    );
    expect(responseCacheKey(embedContext({ request: { texts: ['y'] } }))).not.toBe(a);
    expect(
      responseCacheKey(
        embedContext({ request: { texts: ['x'], providerOptions: { openai: { user: 'u1' } } } }),
      ),
    ).not.toBe(a);
  });

  it('writes canonical JSON with sorted keys and no undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: undefined, c: [2, { z: 1, y: 2 }] } })).toBe(
      '{"a":{"c":[2,{"y":2,"z":1}]},"b":1}',
    );
  });
});
