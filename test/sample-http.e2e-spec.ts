import request from 'supertest';
import { SAMPLE_ADAPTERS } from '../sample/http/sample-http-adapter';
import { useSampleApp } from './support/sample-app-harness';

/** Express's default body limit (100 kB), which the sample keeps on both adapters. */
const MAX_BODY_BYTES = 100 * 1024;

const TOO_DEEP = 'The JSON body is nested deeper than 64 levels.';

describe.each(SAMPLE_ADAPTERS)('sample app on %s: HTTP hygiene', (adapter) => {
  const sample = useSampleApp(adapter);

  it('does not say which server framework answers (no X-Powered-By)', async () => {
    const res = await request(sample.http).get('/info').expect(200);
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('answers 400, not 500, to a JSON body nested 10,000 deep', async () => {
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    const res = await request(sample.http)
      .post('/chat')
      .set('content-type', 'application/json')
      .send(`{"message":"hi","conversation":${deep}}`)
      .expect(400);
    // Nest 11 adds `error: 'Bad Request'`, Nest 12 does not.
    expect(res.body).toMatchObject({ statusCode: 400, message: TOO_DEEP });
  });

  it('lets a body 64 deep through to validation, and does not count brackets inside strings', async () => {
    // The body object plus 63 arrays: 64 levels. The route then refuses the shape on its own terms.
    const nested = '['.repeat(63) + ']'.repeat(63);
    const res = await request(sample.http)
      .post('/chat')
      .set('content-type', 'application/json')
      .send(`{"message":"hi","conversation":${nested}}`);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body.message).not.toBe(TOO_DEEP);
    const oneMore = await request(sample.http)
      .post('/chat')
      .set('content-type', 'application/json')
      .send(`{"message":"hi","conversation":[${nested}]}`)
      .expect(400);
    expect(oneMore.body.message).toBe(TOO_DEEP);

    await request(sample.http)
      .post('/chat')
      .send({ message: '[{\\"['.repeat(100) })
      .expect(200);
  });

  it('answers 413 to a JSON body over 100 kB, and parses one of exactly 100 kB', async () => {
    /** A /chat body of exactly `bytes` bytes (ASCII: one byte a character). */
    const bodyOf = (bytes: number) => {
      const frame = '{"message":""}';
      return `{"message":"${'a'.repeat(bytes - frame.length)}"}`;
    };
    const over = await request(sample.http)
      .post('/chat')
      .set('content-type', 'application/json')
      .send(bodyOf(MAX_BODY_BYTES + 1))
      .expect(413);
    expect(over.body).toMatchObject({ statusCode: 413 });
    // Parsed, then refused by the route's own validation (a message has at most 8,000 characters).
    const at = await request(sample.http)
      .post('/chat')
      .set('content-type', 'application/json')
      .send(bodyOf(MAX_BODY_BYTES))
      .expect(400);
    expect(at.body.message).toEqual([expect.stringMatching(/^message must be shorter/)]);
  });

  it('answers 415 to a JSON body that is not UTF-8', async () => {
    await request(sample.http)
      .post('/chat')
      .set('content-type', 'application/json; charset=utf-16le')
      .send(Buffer.from('{"message":"hi"}', 'utf16le'))
      .expect(415);
  });
});
