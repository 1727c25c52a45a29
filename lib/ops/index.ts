/**
 * nestjs-conduit operations: HTTP error mapping, OpenTelemetry spans, graceful shutdown options.
 * Re-exported by the package root (`lib/index.ts`).
 */
export { ConduitExceptionFilter } from './conduit-exception.filter';
export { mapConduitErrorToHttp } from './map-conduit-error-to-http';
export type { ConduitHttpError, ConduitHttpErrorBody } from './conduit-http-error.types';
export { OpenTelemetryInterceptor } from './open-telemetry.interceptor';
export {
  OPEN_TELEMETRY_INTERCEPTOR_OPTIONS,
  type OpenTelemetryInterceptorOptions,
  type TracerProviderLike,
} from './open-telemetry-options.types';
export type { ConduitShutdownOptions } from './conduit-shutdown-options.types';
