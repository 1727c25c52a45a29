import type * as OpenTelemetryApi from '@opentelemetry/api';
import { ConduitError } from '../core/errors/conduit.error';

/** The `@opentelemetry/api` module. */
export type OpenTelemetryApiModule = typeof OpenTelemetryApi;

/** The exact command that installs the optional peer. */
export const OPEN_TELEMETRY_INSTALL_COMMAND = 'npm install @opentelemetry/api';

let loaded: OpenTelemetryApiModule | undefined;

/** A plain `require`: the peer is optional, so it cannot be a top-level import. */
function requireOptional(id: string): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional peer, loaded lazily
  return require(id) as unknown;
}

/**
 * Loads the optional peer `@opentelemetry/api` on first use, so applications without tracing never
 * need it. A missing package fails with the command that installs it. Only the default loader's
 * result is cached: a loader passed in (tests) is always asked, so results never depend on order.
 */
export function loadOpenTelemetry(
  load: (id: string) => unknown = requireOptional,
): OpenTelemetryApiModule {
  const useCache = load === requireOptional;
  if (useCache && loaded !== undefined) return loaded;
  try {
    const api = load('@opentelemetry/api') as OpenTelemetryApiModule;
    if (useCache) loaded = api;
    return api;
  } catch (error: unknown) {
    throw new ConduitError(
      `OpenTelemetryInterceptor needs the optional package @opentelemetry/api, which is not installed. Install it with: ${OPEN_TELEMETRY_INSTALL_COMMAND}`,
      { cause: error },
    );
  }
}
