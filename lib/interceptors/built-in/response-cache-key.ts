import type { ConduitCallContext } from '../../core';
import { stableHash } from './stable-hash';

/** Bump when the cached entry format or the key's content changes, so old entries are not read. */
const KEY_VERSION = 1;

/**
 * The cache key of a call: a SHA-256 of the canonical request, made of what changes the answer:
 * the model (provider and id), the messages, tools, tool choice, response format, sampling
 * settings, stop sequences, seed and provider options (embeddings: texts, dimensions, provider
 * options). Never the signal nor the headers (which may carry keys). `undefined` for tool calls.
 */
export function responseCacheKey(context: ConduitCallContext): string | undefined {
  const model = { provider: context.modelInfo?.provider, modelId: context.modelInfo?.modelId };
  switch (context.kind) {
    case 'chat':
    case 'stream': {
      const r = context.request;
      return stableHash({
        v: KEY_VERSION,
        kind: context.kind,
        model,
        messages: r.messages,
        tools: r.tools,
        toolChoice: r.toolChoice,
        responseFormat: r.responseFormat,
        temperature: r.temperature,
        topP: r.topP,
        maxTokens: r.maxTokens,
        stop: r.stop,
        seed: r.seed,
        providerOptions: r.providerOptions,
      });
    }
    case 'embed': {
      const r = context.request;
      return stableHash({
        v: KEY_VERSION,
        kind: 'embed',
        model,
        texts: r.texts,
        dimensions: r.dimensions,
        providerOptions: r.providerOptions,
      });
    }
    case 'tool':
      return undefined;
  }
}
