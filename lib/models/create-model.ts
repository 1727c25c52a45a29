import { Logger } from '@nestjs/common';
import type {
  ChatDeploymentConfig,
  ChatModelConfig,
  DeploymentsChatModelConfig,
  EmbeddingModelConfig,
} from './model-options.types';
import { DeploymentPoolChatModel } from './deployments/deployment-pool-chat-model';
import { isChatModel, type ChatModel } from '../core/chat-model.interface';
import { isEmbeddingModel, type EmbeddingModel } from '../core/embedding-model.interface';
import {
  envApiKeyName,
  MODEL_FACTORIES,
  readEnvApiKey,
  type ModelFactory,
} from './model-factories';

type Environment = Readonly<Record<string, string | undefined>>;

/** Where the "environment key to another host" warning goes (a Nest `Logger.warn` by default). */
export type KeyHostWarn = (message: string) => void;

const warnedKeyHosts = new Set<string>();
const logger = new Logger('ConduitModule');

/**
 * Warns once per process and variable/host pair when a key read from the environment is about to
 * go to a `baseUrl` that is not one of the provider's own hosts: the quickstart mistake of giving
 * `provider: 'openai'` an Ollama URL sends the real OpenAI key to it. The key itself is never named.
 */
function warnEnvKeyToOtherHost(
  factory: ModelFactory,
  baseUrl: string | undefined,
  warn: KeyHostWarn,
  envName: string,
): void {
  if (factory.officialHosts === undefined || baseUrl === undefined) return;
  let host: string;
  try {
    host = new URL(baseUrl).hostname;
  } catch {
    return; // validateConduitOptions reports a malformed URL
  }
  if (factory.officialHosts.includes(host)) return;
  const key = `${envName}\u0000${host}`;
  if (warnedKeyHosts.has(key)) return;
  warnedKeyHosts.add(key);
  warn(
    `The API key from ${envName} is sent to ${host}, which is not ` +
      `${factory.officialHosts.join(' or ')}. If that server is not a proxy you trust with the key, ` +
      "set apiKey on the model, or use provider: 'openai-compatible' for local servers.",
  );
}

/** Drops `provider` and `retry` and fills `apiKey` from the provider's environment variable when absent. */
function resolveSettings<C extends ChatModelConfig | EmbeddingModelConfig>(
  config: C,
  factory: ModelFactory,
  env: Environment,
  warn: KeyHostWarn,
): Omit<C, 'provider'> {
  const settings: Record<string, unknown> = { ...config };
  delete settings['provider'];
  // Read by ChatService (the built-in retry), not a setting of the provider's model.
  delete settings['retry'];
  // A deployment's pool fields (see createDeploymentPool).
  delete settings['name'];
  delete settings['weight'];
  const record = config as unknown as Readonly<Record<string, unknown>>;
  for (const [key, value] of Object.entries(factory.environmentSettings?.(record, env) ?? {})) {
    if (settings[key] === undefined) settings[key] = value;
  }
  const keyless = factory.signsInWithoutKey?.(record) === true;
  const apiKey = config.apiKey ?? (keyless ? undefined : readEnvApiKey(factory, env));
  if (apiKey !== undefined && apiKey !== '') {
    settings['apiKey'] = apiKey;
    if (config.apiKey === undefined) {
      const baseUrl = (config as { readonly baseUrl?: unknown }).baseUrl;
      warnEnvKeyToOtherHost(
        factory,
        typeof baseUrl === 'string' ? baseUrl : undefined,
        warn,
        envApiKeyName(factory, env) ?? factory.apiKeyEnv,
      );
    }
  }
  return settings as Omit<C, 'provider'>;
}

const nestWarn: KeyHostWarn = (message) => logger.warn(message);

/**
 * The chat model for one entry of `options.models`: the instance itself, or a new model built by
 * the provider's factory. Expects options that passed `validateConduitOptions`.
 */
export function createChatModel(
  entry: ChatModelConfig | DeploymentsChatModelConfig | ChatModel,
  env: Environment = process.env,
  warn: KeyHostWarn = nestWarn,
): ChatModel {
  if (isChatModel(entry)) return entry;
  if ('deployments' in entry) return createDeploymentPool(entry, env, warn);
  // The map is keyed by `provider`, so the entry's factory takes exactly this config's settings;
  // TypeScript cannot correlate the two unions, hence the widening cast.
  const factory = MODEL_FACTORIES[entry.provider] as unknown as ModelFactory;
  return factory.createChatModel(resolveSettings(entry, factory, env, warn));
}

/** The embedding model for one entry of `options.embeddingModels` (instance or configuration). */
export function createEmbeddingModel(
  entry: EmbeddingModelConfig | EmbeddingModel,
  env: Environment = process.env,
  warn: KeyHostWarn = nestWarn,
): EmbeddingModel {
  if (isEmbeddingModel(entry)) return entry;
  const factory = MODEL_FACTORIES[entry.provider] as unknown as ModelFactory;
  if (factory.createEmbeddingModel === undefined) {
    // validateConduitOptions reports this first; kept for callers that skip validation.
    throw new Error(`Provider "${entry.provider}" has no embedding models.`);
  }
  return factory.createEmbeddingModel(resolveSettings(entry, factory, env, warn));
}

/** The pool of a `deployments` entry; each deployment named `provider:model#n` unless named. */
function createDeploymentPool(
  entry: DeploymentsChatModelConfig,
  env: Environment,
  warn: KeyHostWarn,
): ChatModel {
  return new DeploymentPoolChatModel({
    strategy: entry.strategy,
    deployments: entry.deployments.map((deployment: ChatDeploymentConfig, index) => ({
      name: deployment.name ?? `${deployment.provider}:${deployment.model}#${index + 1}`,
      weight: deployment.weight,
      model: createChatModel(deployment as ChatModelConfig, env, warn),
    })),
  });
}
