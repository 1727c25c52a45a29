/**
 * nestjs-conduit RAG: documents, splitters, loaders, embeddings, vector stores, retriever, RAG
 * chain, module. Re-exported by the package root.
 */
export type { Document, DocumentMetadata, MetadataValue, VectorRecord } from './document.types';
export { TextSplitter, DEFAULT_CHUNK_OVERLAP, DEFAULT_CHUNK_SIZE } from './splitters/text-splitter';
export {
  RecursiveCharacterTextSplitter,
  DEFAULT_SEPARATORS,
  type RecursiveCharacterTextSplitterOptions,
} from './splitters/recursive-character-text-splitter';
export { SentenceTextSplitter, SENTENCE_END } from './splitters/sentence-text-splitter';
export {
  MarkdownTextSplitter,
  type MarkdownTextSplitterOptions,
} from './splitters/markdown-text-splitter';
export { TokenTextSplitter, type TokenTextSplitterOptions } from './splitters/token-text-splitter';
export type { Separator, TextChunk, TextSplitterOptions } from './splitters/text-chunk.types';
export { joinChunks } from './splitters/join-chunks';
export { DocumentLoader } from './loaders/document-loader';
export { TextFileLoader } from './loaders/text-file-loader';
export { MarkdownFileLoader } from './loaders/markdown-file-loader';
export { JsonLinesLoader, type JsonLinesLoaderOptions } from './loaders/json-lines-loader';
export {
  HashedEmbeddingModel,
  type HashedEmbeddingModelOptions,
} from './embeddings/hashed-embedding-model';
export { EmbeddingService, type EmbeddingRunOptions } from './embeddings/embedding.service';
export type {
  EmbeddingDoneEvent,
  EmbeddingProgressEvent,
  EmbeddingRunEvent,
} from './embeddings/embedding-progress.types';
export { VectorStore, type DistanceMetric, type VectorSearchHit } from './stores/vector-store';
export type { FieldCondition, MetadataFilter } from './stores/metadata-filter.types';
export { matchesFilter } from './stores/match-filter';
export {
  InMemoryVectorStore,
  type InMemoryVectorStoreOptions,
} from './stores/in-memory-vector-store';
export { HnswVectorStore } from './stores/hnsw-vector-store';
export type { HnswVectorStoreOptions } from './stores/hnsw-vector-store-options.types';
export { LanceDbVectorStore } from './stores/lancedb-vector-store';
export type {
  LanceDbVectorStoreOptions,
  MetadataColumnType,
} from './stores/lancedb-vector-store-options.types';
export { ChromaVectorStore, type ChromaVectorStoreOptions } from './stores/chroma-vector-store';
export { PgVectorStore } from './stores/pg-vector-store';
export { PgKeywordIndex } from './stores/pg-keyword-index';
export { pgVectorMigration } from './stores/pg-vector-migration';
export type {
  PgHnswOptions,
  PgVectorStoreOptions,
  PgVectorTableOptions,
} from './stores/pg-vector-store-options.types';
export type {
  PgliteDatabase,
  PgliteTransaction,
  PgPool,
  PgPoolClient,
  PgQueryResult,
} from './stores/pg-connection';
export { PgVectorExtensionError } from './stores/pg-vector-extension.error';
export { PgVectorSchemaError } from './stores/pg-vector-schema.error';
export { Retriever, type RetrieverOptions } from './retriever/retriever';
export type {
  DocumentRetrieveOptions,
  MmrOptions,
  QueryEmbedder,
  RetrieveOptions,
} from './retriever/retriever-options.types';
export type { DocumentRetriever } from './retriever/document-retriever';
export { KeywordRetriever, type KeywordRetrieverOptions } from './retriever/keyword-retriever';
export {
  HybridRetriever,
  DEFAULT_RRF_K,
  type HybridRetrieverOptions,
} from './retriever/hybrid-retriever';
export type { RankFusion } from './retriever/fuse-rankings';
export { KeywordIndex, type KeywordSearchHit } from './keyword/keyword-index';
export {
  InMemoryKeywordIndex,
  DEFAULT_MAX_KEYWORD_DOCUMENTS,
  type InMemoryKeywordIndexOptions,
} from './keyword/in-memory-keyword-index';
export {
  KeywordTokenizer,
  type KeywordLanguage,
  type KeywordTokenizerOptions,
} from './keyword/keyword-tokenizer';
export { ENGLISH_STOP_WORDS } from './keyword/english-stop-words';
export { BM25_DEFAULT_B, BM25_DEFAULT_K1 } from './keyword/bm25';
export type { RetrievedDocument } from './retriever/retrieved-document.types';
export { maximalMarginalRelevance } from './retriever/mmr';
export { evaluateRetrieval } from './eval/evaluate-retrieval';
export type {
  EvaluateRetrievalOptions,
  RetrievalEvaluation,
  RetrievalExample,
  RetrievalQuestionScore,
} from './eval/retrieval-evaluation.types';
export { RagChain, type RagToolOptions } from './chain/rag-chain';
export type {
  ContextFormatter,
  RagAnswer,
  RagAskOptions,
  RagChainOptions,
  RagSourcesEvent,
  RagStreamEvent,
} from './chain/rag-chain-options.types';
export { DEFAULT_RAG_TEMPLATE, formatContext } from './chain/rag-prompt';
export { RagModule } from './rag.module';
export type {
  HybridRetrieverRegistration,
  KeywordIndexRegistration,
  KeywordRetrieverRegistration,
  RagModuleOptions,
  RetrieverRegistration,
  VectorStoreRegistration,
} from './rag-module-options.types';
export { InjectRetriever, InjectVectorStore } from './inject-vector-store.decorator';
export { InjectKeywordIndex } from './inject-keyword-index.decorator';
export { getKeywordIndexToken, getRetrieverToken, getVectorStoreToken } from './rag.tokens';
export { Reranker } from './rerank/reranker';
export type { RerankedDocument, RerankOptions, RerankSetting } from './rerank/rerank.types';
export { applyRerank } from './rerank/apply-rerank';
export { LlmReranker, LLM_RERANK_SYSTEM } from './rerank/llm-reranker';
export type { LlmRerankerOptions } from './rerank/llm-reranker-options.types';
export {
  HttpReranker,
  RERANK_DEFAULT_TIMEOUT_MS,
  RERANK_MAX_RESPONSE_BYTES,
  type HttpRerankerWire,
} from './rerank/http-reranker';
export type { HttpRerankerSettings } from './rerank/http-reranker-settings.types';
export type { RerankRetrySetting } from './rerank/rerank-retry';
export type { RerankScore } from './rerank/read-rerank-scores';
export { CohereReranker, type CohereRerankerSettings } from './rerank/cohere-reranker';
export { JinaReranker } from './rerank/jina-reranker';
export { VoyageReranker } from './rerank/voyage-reranker';
export {
  TeiReranker,
  TEI_MAX_CLIENT_BATCH_SIZE,
  type TeiRerankerSettings,
} from './rerank/tei-reranker';
