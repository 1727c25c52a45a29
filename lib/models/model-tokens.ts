import {
  CHAT_MODEL_TOKEN_PREFIX,
  DEFAULT_MODEL_ALIAS,
  EMBEDDING_MODEL_TOKEN_PREFIX,
} from '../conduit.constants';

/**
 * The injection token of the chat model registered under `alias` (a readable string such as
 * `ConduitChatModel:default`, so Nest's "can't resolve" errors name it). Use it with `@Inject` or
 * in tests: `.overrideProvider(getChatModelToken('default')).useValue(mock)` makes `ChatService`
 * use the mock too.
 */
export function getChatModelToken(alias: string = DEFAULT_MODEL_ALIAS): string {
  return `${CHAT_MODEL_TOKEN_PREFIX}${alias}`;
}

/** The injection token of the embedding model registered under `alias` (`ConduitEmbeddingModel:default`). */
export function getEmbeddingModelToken(alias: string = DEFAULT_MODEL_ALIAS): string {
  return `${EMBEDDING_MODEL_TOKEN_PREFIX}${alias}`;
}
