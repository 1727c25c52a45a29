import type { Server } from 'node:http';
import {
  BadRequestException,
  NotImplementedException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from './json-depth-limit';

/** The answer to a multipart request on Fastify (see registerFastifyBodyParsers). */
export const FASTIFY_MULTIPART_MESSAGE =
  'File uploads (POST /chat/file) run on the Express adapter only: start the sample without ' +
  'SAMPLE_ADAPTER=fastify to use them.';

/** The `charset` parameter of a Content-Type header, lower-cased, or undefined when absent. */
function charsetOf(contentType: string | undefined): string | undefined {
  return /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '')?.[1]?.toLowerCase();
}

/**
 * The Fastify side of configureSampleApp's body handling, with the same answers as on Express:
 * - JSON: 415 for a charset other than UTF-8, 400 for nesting deeper than `MAX_JSON_DEPTH`,
 *   checked on the raw bytes before the parse; then Fastify's own JSON parser (which also refuses
 *   `__proto__` keys). Registering it through `useBodyParser` keeps Nest from adding its default.
 * - multipart: 501 with a message saying to use Express. `POST /chat/file` reads uploads with
 *   multer's FileInterceptor, which only understands Express requests, and the sample adds no
 *   multipart plugin of its own; without this parser Fastify would answer a bare 415.
 */
export function registerFastifyBodyParsers(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser<Server>('application/json', {}, (request, body, done) => {
    const charset = charsetOf(request.headers['content-type']);
    if (charset !== undefined && !/^utf-?8$/.test(charset)) {
      done(new UnsupportedMediaTypeException('Send JSON bodies in UTF-8.'), undefined);
      return;
    }
    if (jsonDepthExceeds(body, MAX_JSON_DEPTH)) {
      done(
        new BadRequestException(`The JSON body is nested deeper than ${MAX_JSON_DEPTH} levels.`),
        undefined,
      );
      return;
    }
    // Fastify's parser answers through `done`; its type only allows for async parsers too.
    void parseJson(request, body.toString('utf8'), done);
  });
  fastify.addContentTypeParser('multipart/form-data', (_request, _payload, done) => {
    done(new NotImplementedException(FASTIFY_MULTIPART_MESSAGE), undefined);
  });
}
