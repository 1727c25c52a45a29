/** The alias `ChatService` and the model registry use when a call names no model. */
export const DEFAULT_MODEL_ALIAS = 'default';

/**
 * Default overall timeout of one call, in milliseconds: 10 minutes, the same as openai-node, so a
 * long reasoning answer or a slow stream is not cut short. Override it with the module's `timeoutMs`
 * or a call's `timeoutMs`; `0` disables it.
 */
export const DEFAULT_TIMEOUT_MS = 600_000;

/** The largest delay `setTimeout` accepts (2^31 - 1 ms); larger values would fire at once. */
export const MAX_TIMEOUT_MS = 2_147_483_647;

/**
 * Token of the module options after `validateConduitOptions` checked them. Everything inside the
 * module injects this one, never the raw options, so validation runs once, before any model exists.
 */
export const CONDUIT_OPTIONS = Symbol('CONDUIT_OPTIONS');

/** The title of the error invalid `ConduitModule` options throw at bootstrap. */
export const INVALID_OPTIONS_TITLE = 'Invalid ConduitModule options';

/** Prefix of the per-alias chat model tokens (`ConduitChatModel:default`). */
export const CHAT_MODEL_TOKEN_PREFIX = 'ConduitChatModel:';

/** Prefix of the per-alias embedding model tokens (`ConduitEmbeddingModel:default`). */
export const EMBEDDING_MODEL_TOKEN_PREFIX = 'ConduitEmbeddingModel:';

/**
 * Metadata key of `@UseGuardrails()`: the guardrails of an `@Agent()` class or a controller route.
 * Here rather than in lib/guardrails because the agent floor reads it and may not import that one.
 */
export const GUARDRAILS_METADATA = 'conduit:guardrails';
