import { ConduitError } from '../core';
import { loadOpenTelemetry, OPEN_TELEMETRY_INSTALL_COMMAND } from './load-open-telemetry';

describe('loadOpenTelemetry', () => {
  it('a missing @opentelemetry/api fails with the install command', () => {
    const missing = (id: string): never => {
      throw Object.assign(new Error(`Cannot find module '${id}'`), { code: 'MODULE_NOT_FOUND' });
    };
    const error = (() => {
      try {
        loadOpenTelemetry(missing);
      } catch (caught: unknown) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConduitError);
    expect((error as Error).message).toContain(OPEN_TELEMETRY_INSTALL_COMMAND);
    expect(OPEN_TELEMETRY_INSTALL_COMMAND).toBe('npm install @opentelemetry/api');
  });

  it('loads the installed package once and reuses it', () => {
    const api = loadOpenTelemetry();
    expect(typeof api.trace.getTracer).toBe('function');
    expect(loadOpenTelemetry()).toBe(api);
  });

  it('a missing package still fails after the installed one was loaded (no order dependence)', () => {
    loadOpenTelemetry();
    expect(() =>
      loadOpenTelemetry(() => {
        throw new Error("Cannot find module '@opentelemetry/api'");
      }),
    ).toThrow(OPEN_TELEMETRY_INSTALL_COMMAND);
  });
});
