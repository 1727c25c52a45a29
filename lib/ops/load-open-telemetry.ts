import type * as OpenTelemetryApi from '@opentelemetry/api';
import { loadOptionalPackage } from '../core/load-optional-package';

/** The `@opentelemetry/api` module. */
export type OpenTelemetryApiModule = typeof OpenTelemetryApi;

/** The exact command that installs the optional peer. */
export const OPEN_TELEMETRY_INSTALL_COMMAND = 'npm install @opentelemetry/api';

let loaded: OpenTelemetryApiModule | undefined;

/**
 * Loads the optional peer `@opentelemetry/api` on first use, so applications without tracing never
 * need it. A missing package fails with the command that installs it. Only the default loader's
 * result is cached (the interceptor asks on every call): a loader passed in (tests) is always
 * asked, so results never depend on order.
 */
export function loadOpenTelemetry(load?: (id: string) => unknown): OpenTelemetryApiModule {
  if (load === undefined && loaded !== undefined) return loaded;
  const api = loadOptionalPackage<OpenTelemetryApiModule>(
    '@opentelemetry/api',
    'OpenTelemetryInterceptor',
    { install: OPEN_TELEMETRY_INSTALL_COMMAND, ...(load === undefined ? {} : { load }) },
  );
  if (load === undefined) loaded = api;
  return api;
}
