import { Inject } from '@nestjs/common';
import { DEFAULT_MODEL_ALIAS } from '../conduit.constants';
import { getChatModelToken, getEmbeddingModelToken } from './model-tokens';

/**
 * Injects the `ChatModel` registered under `alias` (default `default`).
 *
 * With `forRootAsync`, only `default` and the aliases listed in `chatModelAliases` have tokens.
 *
 * @example
 * constructor(@InjectChatModel('fast') private readonly fast: ChatModel) {}
 */
export function InjectChatModel(
  alias: string = DEFAULT_MODEL_ALIAS,
): ParameterDecorator & PropertyDecorator {
  return Inject(getChatModelToken(alias));
}

/**
 * Injects the `EmbeddingModel` registered under `alias` (default `default`).
 *
 * With `forRootAsync`, only the aliases listed in `embeddingModelAliases` have tokens.
 */
export function InjectEmbeddingModel(
  alias: string = DEFAULT_MODEL_ALIAS,
): ParameterDecorator & PropertyDecorator {
  return Inject(getEmbeddingModelToken(alias));
}
