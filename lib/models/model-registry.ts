import { DEFAULT_MODEL_ALIAS } from '../conduit.constants';
import type { ChatModel } from '../core/chat-model.interface';
import type { EmbeddingModel } from '../core/embedding-model.interface';
import { ConduitValidationError } from '../core/errors/conduit-validation.error';

/**
 * The models of the application by alias. Provided (and exported) by `ConduitModule`; inject it to
 * pick a model at run time. The maps are `protected` so a subclass can add lookup rules.
 *
 * @example
 * const model = registry.getChatModel('fast');
 */
export class ModelRegistry {
  protected readonly chatModels: ReadonlyMap<string, ChatModel>;
  protected readonly embeddingModels: ReadonlyMap<string, EmbeddingModel>;

  constructor(
    chatModels: Iterable<readonly [string, ChatModel]>,
    embeddingModels: Iterable<readonly [string, EmbeddingModel]> = [],
  ) {
    this.chatModels = new Map(chatModels);
    this.embeddingModels = new Map(embeddingModels);
  }

  /** The chat model registered under `alias`; an unknown alias throws a `ConduitValidationError` listing the known ones. */
  getChatModel(alias: string = DEFAULT_MODEL_ALIAS): ChatModel {
    const model = this.chatModels.get(alias);
    if (model === undefined) throw unknownAlias('chat', alias, this.chatAliases());
    return model;
  }

  /** The embedding model registered under `alias`; an unknown alias throws a `ConduitValidationError`. */
  getEmbeddingModel(alias: string = DEFAULT_MODEL_ALIAS): EmbeddingModel {
    const model = this.embeddingModels.get(alias);
    if (model === undefined) throw unknownAlias('embedding', alias, this.embeddingAliases());
    return model;
  }

  /** The chat model aliases, in configuration order. */
  chatAliases(): string[] {
    return [...this.chatModels.keys()];
  }

  /** The embedding model aliases, in configuration order. */
  embeddingAliases(): string[] {
    return [...this.embeddingModels.keys()];
  }
}

function unknownAlias(
  kind: 'chat' | 'embedding',
  alias: string,
  known: readonly string[],
): ConduitValidationError {
  const option = kind === 'chat' ? 'models' : 'embeddingModels';
  const message =
    known.length === 0
      ? `no ${kind} models are configured; add ${option}: { ${DEFAULT_MODEL_ALIAS}: ... } to ConduitModule.forRoot`
      : `unknown ${kind} model alias "${alias}"; known aliases: ${known.join(', ')}`;
  return new ConduitValidationError([{ path: 'model', message }], 'Unknown model alias');
}
