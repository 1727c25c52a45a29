export {
  closeSharedHttpPools,
  HttpClient,
  HTTP_IDLE_TIMEOUT_MS,
  HTTP_MAX_RESPONSE_BYTES,
  type CloseHttpPoolsOptions,
} from './http-client';
export type {
  HttpClientOptions,
  HttpErrorMapper,
  HttpErrorResponse,
  HttpHeaders,
  HttpJsonResponse,
  HttpPostRequest,
  HttpResponseHead,
  HttpStreamCall,
  HttpStreamSink,
} from './http-client.types';
export { SseDecoder, type SseEvent } from './sse-decoder';
export { parseDurationMs, parseRetryAfterMs } from './retry-after';
export { mapHttpStatusError, type HttpStatusErrorInput } from './map-http-status-error';
export { hideSecrets } from '../../core/hide-secrets';
export { REDACTED, redactSecrets, redactValue } from './redact-secrets';
export { abortError, toTransportError } from './transport-error';
export {
  invalidToolArgumentsWarning,
  parseToolArguments,
  type ParsedToolArguments,
} from './parse-tool-arguments';
export {
  isRecord,
  optionalNumber,
  optionalString,
  tryParseJson,
  type WireRecord,
} from './wire-data';
export { hasLineBreak, headerIssues } from './header-safety';
