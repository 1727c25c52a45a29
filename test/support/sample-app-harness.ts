import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import type { SampleAdapterName } from '../../sample/http/sample-http-adapter';
import { startSampleApp } from '../sample/sample-app';

/** The sample app the current test runs against. */
export interface SampleAppHandle {
  /** The current test's HTTP server, for supertest. */
  readonly http: Server;
}

/**
 * Registers a `beforeEach` that starts the sample app on its local demo model (on Express, or on
 * `adapter`) and an `afterEach` that closes it. Call it inside the `describe` block.
 */
export function useSampleApp(adapter: SampleAdapterName = 'express'): SampleAppHandle {
  let app: INestApplication | undefined;
  let http: Server | undefined;
  beforeEach(async () => {
    ({ app, http } = await startSampleApp({}, adapter));
  });
  afterEach(async () => {
    await app?.close();
  });
  return {
    get http(): Server {
      if (http === undefined) throw new Error('sample app used outside a test');
      return http;
    },
  };
}
