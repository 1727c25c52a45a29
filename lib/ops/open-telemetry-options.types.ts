/** Anything that hands out tracers: an OpenTelemetry `TracerProvider`. */
export interface TracerProviderLike {
  /** The tracer spans are started on (`TracerProvider.getTracer` of `@opentelemetry/api`). */
  getTracer(name: string, version?: string): unknown;
}

/** Options of `OpenTelemetryInterceptor`. */
export interface OpenTelemetryInterceptorOptions {
  /** Where spans go. Default: the global provider registered by the OpenTelemetry SDK. */
  readonly tracerProvider?: TracerProviderLike;
  /** The instrumentation scope name. Default `nestjs-conduit`. */
  readonly tracerName?: string;
}

/** Injection token for `OpenTelemetryInterceptor` options when the class is resolved from DI. */
export const OPEN_TELEMETRY_INTERCEPTOR_OPTIONS = Symbol('OPEN_TELEMETRY_INTERCEPTOR_OPTIONS');
