import type { FactoryProvider } from '@nestjs/common';
import { CONDUIT_OPTIONS, INVALID_OPTIONS_TITLE } from '../conduit.constants';
import type { ChatModel } from '../core/chat-model.interface';
import type { EmbeddingModel } from '../core/embedding-model.interface';
import { ConduitValidationError } from '../core/errors/conduit-validation.error';
import { createChatModel, createEmbeddingModel } from './create-model';
import { ModelRegistry } from './model-registry';
import type { ModelsModuleOptions } from './model-options.types';
import { getChatModelToken, getEmbeddingModelToken } from './model-tokens';

/** The aliases that get an injection token. */
export interface ExposedModelAliases {
  readonly chat: readonly string[];
  readonly embedding: readonly string[];
}

function notConfigured(option: string, alias: string, list: string): ConduitValidationError {
  return new ConduitValidationError(
    [
      {
        path: `${option}.${alias}`,
        message: `missing; forRootAsync lists "${alias}" in ${list} but the options factory configured no such model`,
      },
    ],
    INVALID_OPTIONS_TITLE,
  );
}

/**
 * The per-alias model providers and the `ModelRegistry` built on them. The registry takes each
 * exposed alias from its token (so `overrideProvider(getChatModelToken(alias))` reaches
 * `ChatService` too) and builds the other aliases from the options.
 */
export function createModelProviders(aliases: ExposedModelAliases): FactoryProvider[] {
  const chat = [...new Set(aliases.chat)];
  const embedding = [...new Set(aliases.embedding)];
  const chatProviders = chat.map((alias): FactoryProvider => ({
    provide: getChatModelToken(alias),
    useFactory: (options: ModelsModuleOptions): ChatModel => {
      const entry = options.models[alias];
      if (entry === undefined) throw notConfigured('models', alias, 'chatModelAliases');
      return createChatModel(entry);
    },
    inject: [CONDUIT_OPTIONS],
  }));
  const embeddingProviders = embedding.map((alias): FactoryProvider => ({
    provide: getEmbeddingModelToken(alias),
    useFactory: (options: ModelsModuleOptions): EmbeddingModel => {
      const entry = options.embeddingModels?.[alias];
      if (entry === undefined) {
        throw notConfigured('embeddingModels', alias, 'embeddingModelAliases');
      }
      return createEmbeddingModel(entry);
    },
    inject: [CONDUIT_OPTIONS],
  }));
  const registryProvider: FactoryProvider = {
    provide: ModelRegistry,
    useFactory: (options: ModelsModuleOptions, ...injected: unknown[]): ModelRegistry => {
      const fromTokens = new Map<string, unknown>();
      chat.forEach((alias, i) => fromTokens.set(getChatModelToken(alias), injected[i]));
      embedding.forEach((alias, i) =>
        fromTokens.set(getEmbeddingModelToken(alias), injected[chat.length + i]),
      );
      const chatModels = Object.entries(options.models).map(
        ([alias, entry]): [string, ChatModel] => [
          alias,
          (fromTokens.get(getChatModelToken(alias)) as ChatModel | undefined) ??
            createChatModel(entry),
        ],
      );
      const embeddingModels = Object.entries(options.embeddingModels ?? {}).map(
        ([alias, entry]): [string, EmbeddingModel] => [
          alias,
          (fromTokens.get(getEmbeddingModelToken(alias)) as EmbeddingModel | undefined) ??
            createEmbeddingModel(entry),
        ],
      );
      return new ModelRegistry(chatModels, embeddingModels);
    },
    inject: [
      CONDUIT_OPTIONS,
      ...chat.map((alias) => getChatModelToken(alias)),
      ...embedding.map((alias) => getEmbeddingModelToken(alias)),
    ],
  };
  return [...chatProviders, ...embeddingProviders, registryProvider];
}
