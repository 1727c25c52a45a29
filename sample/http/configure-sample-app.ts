import type { NestExpressApplication } from '@nestjs/platform-express';
import { MAX_JSON_DEPTH, rejectDeepJson } from './json-depth-limit';

/**
 * The HTTP setup of the sample app, shared by main.ts and the e2e tests
 * (test/sample/sample-app.ts) so that the app under test is the app that runs. Call it before
 * `init()` / `listen()`: the JSON parser registered here replaces Nest's default one only if it
 * comes first.
 */
export function configureSampleApp(app: NestExpressApplication): NestExpressApplication {
  // The framework and its version are a head start for whoever looks for a known hole.
  app.disable('x-powered-by');
  // Nest registers its own JSON parser at init unless one is there already. This one refuses
  // deeply nested bodies before they are parsed (see rejectDeepJson). The app must not set
  // `rawBody: true`: Nest would then replace this `verify` hook with its own.
  app.useBodyParser('json', { verify: rejectDeepJson(MAX_JSON_DEPTH) });
  return app;
}
