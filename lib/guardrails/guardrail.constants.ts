import { ConduitMetadataKeys } from '../interceptors/built-in/conduit-metadata.keys';

/**
 * The `context.metadata` key under which guardrails note their decisions (`GuardrailRecord[]`,
 * in order): readable through `ChatService.chatWithContext()` or `ChatOptions.metadata`.
 */
export const GUARDRAIL_METADATA_KEY = ConduitMetadataKeys.guardrails;

/**
 * A call whose metadata holds `true` under this key is not guarded: the calls a guardrail makes
 * itself (the judge of `TopicGuardrail`), which run through the same global interceptors.
 */
export const GUARDRAIL_BYPASS_METADATA_KEY = 'conduit.guardrails.bypass';

/** `chunked` mode's default: characters pending before a sentence end is looked for. */
export const DEFAULT_GUARDRAIL_CHUNK_SIZE = 400;
