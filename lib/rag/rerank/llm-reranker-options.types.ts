import type { StructuredMode } from '../../chat/generate-object-options.types';

/** Options of `LlmReranker`. */
export interface LlmRerankerOptions {
  /** The chat model alias that scores (default: the module's `default` model). */
  readonly model?: string;
  /** Candidates scored in one model call. Default 20; more go in several calls, one after the other. */
  readonly batchSize?: number;
  /** Characters of each document shown to the model (the rest is cut). Default 2000. */
  readonly maxDocumentChars?: number;
  /** The instructions, sent as the system message. Default `LLM_RERANK_SYSTEM`. */
  readonly system?: string;
  /** How the model is made to answer in the schema (see `generateObject`). Default `auto`. */
  readonly mode?: StructuredMode;
  /** Corrections asked after an answer that does not fit the schema. Default 1. */
  readonly maxRetries?: number;
}
