import type { ChatModelConfig, EmbeddingModelConfig } from '../conduit-options.interface';
import { isChatModel, type ChatModel } from '../core/chat-model.interface';
import { isEmbeddingModel, type EmbeddingModel } from '../core/embedding-model.interface';
import { MODEL_FACTORIES, type ModelFactory } from './model-factories';

type Environment = Readonly<Record<string, string | undefined>>;

/** Drops `provider` and fills `apiKey` from the provider's environment variable when absent. */
function resolveSettings<C extends ChatModelConfig | EmbeddingModelConfig>(
  config: C,
  factory: ModelFactory,
  env: Environment,
): Omit<C, 'provider'> {
  const settings: Record<string, unknown> = { ...config };
  delete settings['provider'];
  const apiKey = config.apiKey ?? env[factory.apiKeyEnv];
  if (apiKey !== undefined && apiKey !== '') settings['apiKey'] = apiKey;
  return settings as Omit<C, 'provider'>;
}

/**
 * The chat model for one entry of `options.models`: the instance itself, or a new model built by
 * the provider's factory. Expects options that passed `validateConduitOptions`.
 */
export function createChatModel(
  entry: ChatModelConfig | ChatModel,
  env: Environment = process.env,
): ChatModel {
  if (isChatModel(entry)) return entry;
  // The map is keyed by `provider`, so the entry's factory takes exactly this config's settings;
  // TypeScript cannot correlate the two unions, hence the widening cast.
  const factory = MODEL_FACTORIES[entry.provider] as unknown as ModelFactory;
  return factory.createChatModel(resolveSettings(entry, factory, env));
}

/** The embedding model for one entry of `options.embeddingModels` (instance or configuration). */
export function createEmbeddingModel(
  entry: EmbeddingModelConfig | EmbeddingModel,
  env: Environment = process.env,
): EmbeddingModel {
  if (isEmbeddingModel(entry)) return entry;
  const factory = MODEL_FACTORIES[entry.provider] as unknown as ModelFactory;
  if (factory.createEmbeddingModel === undefined) {
    // validateConduitOptions reports this first; kept for callers that skip validation.
    throw new Error(`Provider "${entry.provider}" has no embedding models.`);
  }
  return factory.createEmbeddingModel(resolveSettings(entry, factory, env));
}
