import type { Observable } from 'rxjs';
import type { ChatResponse } from '../core/chat-response.types';
import type { EmbeddingResponse } from '../core/embedding-model.interface';
import type { StreamEvent } from '../core/stream-event.types';
import type { ChatOptions, EmbedOptions } from './chat-options.types';
import type { FallbackCall, FallbackChain } from './fallback-chain';
import { streamWithFallbacks } from './fallback-stream';

/** A try's own options: its alias, no chain of its own, the call's metadata. */
const NO_FALLBACKS: readonly string[] = [];

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
  chat: (options: ChatOptions) => Promise<ChatResponse>,
): Promise<ChatResponse> {
  const call = callOf(options);
  const { result, attempts } = await chain.run('chat', [alias, ...fallbacks], call, (model) =>
    chat({ ...options, model, fallbacks: NO_FALLBACKS, metadata: call.metadata }),
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
  stream: (options: ChatOptions) => Observable<StreamEvent>,
): Observable<StreamEvent> {
  const call = callOf(options);
  return streamWithFallbacks(chain, [alias, ...fallbacks], call, (model) =>
    stream({ ...options, model, fallbacks: NO_FALLBACKS, metadata: call.metadata }),
  );
}

/** `embed` along `alias` then `fallbacks`; the tries are in the call's metadata (`conduit:fallback`). */
export async function embedWithFallbacks(
  chain: FallbackChain,
  alias: string,
  fallbacks: readonly string[],
  options: EmbedOptions,
  embed: (options: EmbedOptions) => Promise<EmbeddingResponse>,
): Promise<EmbeddingResponse> {
  const call = callOf(options);
  const { result } = await chain.run('embedding', [alias, ...fallbacks], call, (model) =>
    embed({ ...options, model, fallbacks: NO_FALLBACKS, metadata: call.metadata }),
  );
  return result;
}
