/**
 * The largest request body the sample parses, in bytes, on either HTTP platform: Express's default
 * (body-parser's `100kb`). Fastify's own default is 1 MiB; the sample lowers it to this so that a
 * body is refused with 413 at the same size whichever adapter serves it (`SAMPLE_ADAPTER`).
 */
export const MAX_BODY_BYTES = 100 * 1024;
