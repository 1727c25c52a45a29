import type { ChatOptions } from '../../chat/chat-options.types';
import type { ChatResponse } from '../../core/chat-response.types';
import type { StreamEvent } from '../../core/stream-event.types';
import type { Usage } from '../../core/usage.types';
import type { RetrievedDocument } from '../retriever/retrieved-document.types';
import type { DocumentRetriever } from '../retriever/document-retriever';
import type { RetrieveOptions } from '../retriever/retriever-options.types';

/** Formats the retrieved documents into the `{context}` of the prompt. */
export type ContextFormatter = (sources: readonly RetrievedDocument[]) => string;

/** Options of `new RagChain(...)`. */
export interface RagChainOptions {
  /** Any retriever: `Retriever`, `KeywordRetriever`, `HybridRetriever` or your own. */
  readonly retriever: DocumentRetriever;
  /** Prompt with `{context}` and `{question}` placeholders. Default: `DEFAULT_RAG_TEMPLATE`. */
  readonly template?: string;
  /** Default: numbered passages with their source (`[1] (guide.md)\n...`). */
  readonly formatContext?: ContextFormatter;
  /** Optional system message. */
  readonly system?: string;
  /** Retrieval defaults (k, filter, threshold, MMR) for every question. */
  readonly retrieval?: Omit<RetrieveOptions, 'signal'>;
  /** Chat options for every question (model alias, temperature...). */
  readonly chat?: ChatOptions;
}

/** Per-question overrides. */
export interface RagAskOptions {
  readonly retrieval?: Omit<RetrieveOptions, 'signal'>;
  readonly chat?: ChatOptions;
  readonly signal?: AbortSignal;
}

/** The answer of `RagChain.ask`. */
export interface RagAnswer {
  readonly answer: string;
  /** The documents put in the context, best first, with their scores. */
  readonly sources: readonly RetrievedDocument[];
  readonly usage: Usage;
  /** The whole model response. */
  readonly response: ChatResponse;
}

/** First event of `RagChain.stream`: what was retrieved, before the model starts answering. */
export interface RagSourcesEvent {
  readonly type: 'sources';
  readonly sources: readonly RetrievedDocument[];
}

/** What `RagChain.stream` emits: the sources, then the model's stream events. */
export type RagStreamEvent = RagSourcesEvent | StreamEvent;
