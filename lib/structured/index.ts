/**
 * nestjs-conduit structured output: validated objects, extraction, classification, partial
 * objects, text parsers. Re-exported by the package root (`lib/index.ts`).
 */
export {
  StructuredOutputService,
  type ClassifyCallOptions,
  type ExtractOptions,
} from './structured-output.service';
export type {
  DeepPartial,
  GenerateObjectOptions,
  GenerateObjectResult,
  GenerateResult,
  ObjectSchema,
  ResolvedStructuredMode,
  StructuredMode,
} from './structured-options.types';
export {
  StructuredOutputError,
  type StructuredOutputErrorDetails,
} from './structured-output.error';
export type {
  ObjectDoneEvent,
  ObjectRetryEvent,
  ObjectStreamEvent,
  PartialObjectEvent,
} from './stream-object';
export type { ClassificationLabel, ClassificationResult, ClassifyOptions } from './classify';
export {
  extractJson,
  findJson,
  type JsonKind,
  type JsonSearchResult,
} from './parsers/extract-json';
export { parsePartialJson } from './parsers/parse-partial-json';
export { extractList, type ExtractListOptions } from './parsers/extract-list';
export { extractKeyValues, type ExtractKeyValuesOptions } from './parsers/extract-key-values';
export { extractCodeBlocks, type CodeBlock } from './parsers/extract-code-blocks';
export { OutputParseError, type OutputParseTarget } from './parsers/output-parse.error';
