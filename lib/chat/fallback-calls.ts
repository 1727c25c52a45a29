import type { Observable } from 'rxjs';
import type { ChatResponse } from '../core/chat-response.types';
import type { EmbeddingResponse } from '../core/embedding-model.interface';
import type { StreamEvent } from '../core/stream-event.types';
import type { ChatOptions, EmbedOptions } from './chat-options.types';
import type { FallbackCall, FallbackChain } from './fallback-chain';
import { streamWithFallbacks } from './fallback-stream';

/** One try: the call sent to `alias`, with the call's metadata (shared by every try). */
export type FallbackTarget<T> = (alias: string, metadata: Map<string, unknown>) => T;

function callOf(options: ChatOptions | EmbedOptions): FallbackCall {
  return {
    signal: options.signal,
    metadata: options.metadata ?? new Map<string, unknown>(),
    fallbackOn: 'fallbackOn' in options ? options.fallbackOn : undefined,
  };
}

/** `chat` along `alias` then `fallbacks`; the answer's `providerMetadata.conduit.fallback` lists the tries. */
export async function chatWithFallbacks(
  chain: FallbackChain,
  alias: string,
  fallbacks: readonly string[],
  options: ChatOptions,
  chat: FallbackTarget<Promise<ChatResponse>>,
): Promise<ChatResponse> {
  const call = callOf(options);
  const { result, attempts } = await chain.run('chat', [alias, ...fallbacks], call, (model) =>
    chat(model, call.metadata),
  );
  return {
    ...result,
    providerMetadata: {
      ...result.providerMetadata,
      conduit: { ...result.providerMetadata['conduit'], fallback: [...attempts] },
    },
  };
}

/** `stream` along `alias` then `fallbacks` (see `streamWithFallbacks`). */
export function streamAlongFallbacks(
  chain: FallbackChain,
  alias: string,
  fallbacks: readonly string[],
  options: ChatOptions,
  stream: FallbackTarget<Observable<StreamEvent>>,
): Observable<StreamEvent> {
  const call = callOf(options);
  return streamWithFallbacks(chain, [alias, ...fallbacks], call, (model) =>
    stream(model, call.metadata),
  );
}

/** `embed` along `alias` then `fallbacks`; the tries are in the call's metadata (`conduit:fallback`). */
export async function embedWithFallbacks(
  chain: FallbackChain,
  alias: string,
  fallbacks: readonly string[],
  options: EmbedOptions,
  embed: FallbackTarget<Promise<EmbeddingResponse>>,
): Promise<EmbeddingResponse> {
  const call = callOf(options);
  const { result } = await chain.run('embedding', [alias, ...fallbacks], call, (model) =>
    embed(model, call.metadata),
  );
  return result;
}
