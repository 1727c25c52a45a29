/**
 * nestjs-conduit calls: ChatService (chat, stream, embed), uploads as message parts, fallback chains
 * and circuit breakers. Re-exported by the package root (`lib/index.ts`).
 */
// Calls: chat, stream, embed.
export { ChatService } from './chat.service';
export type { ChatOptions, EmbedOptions } from './chat-options.types';

// Uploads as message parts: an @UploadedFile() becomes a file, image or audio part (sniffed type).
export { FileToPartPipe, type UploadedPart } from './uploads/file-to-part.pipe';
export type { FileToPartOptions } from './uploads/file-to-part-options.types';
export { InvalidUploadError, type InvalidUploadReason } from './uploads/invalid-upload.error';
export { sniffMediaType, type SniffedMediaType } from './uploads/sniff-media-type';
export type { UploadedFileLike } from './uploads/uploaded-file.types';

// Fallback chains and circuit breakers.
export type {
  CircuitBreakerOptions,
  CircuitPolicySetting,
  FailureRateSetting,
  ErrorClass,
  FallbackAttempt,
  FallbackModuleOptions,
} from './fallback-options.types';
export {
  CircuitStore,
  type CircuitPermit,
  type CircuitPolicy,
  type CircuitStatus,
  type FailureRatePolicy,
} from './circuit-store';
export {
  ConduitHealthIndicator,
  type AliasHealth,
  type ConduitHealthOptions,
  type ConduitHealthResult,
} from './conduit-health.indicator';
export { InMemoryCircuitStore, type InMemoryCircuitStoreOptions } from './in-memory-circuit.store';
export { RedisCircuitStore, type RedisCircuitStoreOptions } from './redis-circuit.store';

// What a call with its context reports.
export type { ChatCallReport, ChatWithContext } from './chat-with-context';
