import type { IncomingMessage, ServerResponse } from 'node:http';
import { BadRequestException, UnsupportedMediaTypeException } from '@nestjs/common';

/** Deepest nesting of objects and arrays a JSON body may have. No request of the sample needs 10. */
export const MAX_JSON_DEPTH = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/**
 * Whether the UTF-8 JSON text in `body` nests objects and arrays more than `max` deep. One pass
 * over the bytes, no recursion and nothing allocated, so a hostile body costs what reading it
 * costs. Brackets inside strings do not count. Bytes of multi-byte UTF-8 characters are all
 * >= 0x80, so they are never mistaken for a bracket or a quote. Malformed JSON is left for the
 * parser to reject.
 */
export function jsonDepthExceeds(body: Uint8Array, max: number): boolean {
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (const byte of body) {
    if (inString) {
      if (escaped) escaped = false;
      else if (byte === BACKSLASH) escaped = true;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      if (++depth > max) return true;
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      depth--;
    }
  }
  return false;
}

/** The `verify` hook of body-parser's JSON parser: it sees the raw body before `JSON.parse`. */
export type JsonVerifyHook = (
  request: IncomingMessage,
  response: ServerResponse,
  body: Buffer,
  encoding: string,
) => void;

/**
 * A `verify` hook that refuses, with 400, a JSON body nested deeper than `max`, before it is
 * parsed. Parsing such a body works, but what walks the result afterwards (class-transformer,
 * class-validator, the model's message checks) recurses and runs out of stack: a 500 for one
 * small request. body-parser has no depth option, and a `reviver` would only run after the parse.
 * A body in another charset than UTF-8 (rare, and not interoperable JSON per RFC 8259) is refused
 * with 415, as the byte scan reads UTF-8 only.
 */
export function rejectDeepJson(max = MAX_JSON_DEPTH): JsonVerifyHook {
  return (_request, _response, body, encoding) => {
    // Nest answers these exceptions like a thrown one; body-parser keeps their status.
    if (!/^utf-?8$/i.test(encoding)) {
      throw new UnsupportedMediaTypeException('Send JSON bodies in UTF-8.');
    }
    if (jsonDepthExceeds(body, max)) {
      throw new BadRequestException(`The JSON body is nested deeper than ${max} levels.`);
    }
  };
}
