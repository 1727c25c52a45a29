import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { MAX_BODY_BYTES } from './body-size-limit';
import { registerFastifyBodyParsers } from './fastify-body-parsers';
import { MAX_JSON_DEPTH, rejectDeepJson } from './json-depth-limit';

/** The sample app on either HTTP platform (see sample-http-adapter.ts). */
export type SampleApp = NestExpressApplication | NestFastifyApplication;

function isFastify(app: SampleApp): app is NestFastifyApplication {
  return app.getHttpAdapter().getType() === 'fastify';
}

/**
 * The HTTP setup of the sample app, shared by main.ts and the e2e tests
 * (test/sample/sample-app.ts) so that the app under test is the app that runs, on Express or on
 * Fastify. Call it before `init()` / `listen()`: the JSON parser registered here replaces Nest's
 * default one only if it comes first.
 */
export function configureSampleApp<T extends SampleApp>(app: T): T {
  if (isFastify(app)) {
    // Fastify sends no X-Powered-By; the body checks are its own parsers.
    registerFastifyBodyParsers(app);
    return app;
  }
  const express: NestExpressApplication = app;
  // The framework and its version are a head start for whoever looks for a known hole.
  express.disable('x-powered-by');
  // Nest registers its own JSON parser at init unless one is there already. This one refuses
  // deeply nested bodies before they are parsed (see rejectDeepJson). The app must not set
  // `rawBody: true`: Nest would then replace this `verify` hook with its own. The limits are
  // Express's defaults, stated so that Fastify (sample-http-adapter.ts) is held to the same ones.
  express.useBodyParser('json', { limit: MAX_BODY_BYTES, verify: rejectDeepJson(MAX_JSON_DEPTH) });
  express.useBodyParser('urlencoded', { limit: MAX_BODY_BYTES, extended: true });
  return app;
}
