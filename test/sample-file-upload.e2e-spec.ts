import request from 'supertest';
import { MAX_CHAT_FILE_BYTES } from '../sample/chat/chat.controller';
import { FASTIFY_MULTIPART_MESSAGE } from '../sample/http/fastify-body-parsers';
import { useSampleApp } from './support/sample-app-harness';

/** A two-page PDF, small enough to read: the demo model counts its `/Type /Page` objects. */
const PDF = Buffer.from(
  [
    '%PDF-1.4',
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    '2 0 obj << /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >> endobj',
    '3 0 obj << /Type /Page /Parent 2 0 R >> endobj',
    '4 0 obj << /Type /Page /Parent 2 0 R >> endobj',
    'trailer << /Root 1 0 R >>',
    '%%EOF',
    '',
  ].join('\n'),
);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

describe('sample app: POST /chat/file (a question about an uploaded file, local demo model)', () => {
  const sample = useSampleApp();

  it('passes the PDF to the model as a file part and answers about it', async () => {
    const res = await request(sample.http)
      .post('/chat/file')
      .field('message', 'What is in this report?')
      .attach('file', PDF, { filename: 'report.pdf', contentType: 'application/pdf' })
      .expect(200);
    expect(res.body.text).toBe(
      `[local demo model] You asked "What is in this report?" about report.pdf (PDF, ${(PDF.length / 1024).toFixed(1)} KB, 2 page(s)). A real model would read it; I only describe it.`,
    );
    expect(res.body.finishReason).toBe('stop');
  });

  it('takes a UTF-8 text file claimed as text/plain', async () => {
    const res = await request(sample.http)
      .post('/chat/file')
      .field('message', 'Summarise')
      .attach('file', Buffer.from('Minutes of the meeting.\nAll agreed.'), {
        filename: 'minutes.txt',
        contentType: 'text/plain',
      })
      .expect(200);
    expect(res.body.text).toContain(
      'minutes.txt (text, 0.0 KB), which begins: "Minutes of the meeting. All agreed."',
    );
  });

  it('refuses bytes that are not what the client claimed with 422', async () => {
    const res = await request(sample.http)
      .post('/chat/file')
      .field('message', 'What is it?')
      .attach('file', PNG, { filename: 'fake.pdf', contentType: 'application/pdf' })
      .expect(422);
    expect(res.body).toEqual({
      statusCode: 422,
      error: 'Invalid upload',
      message: 'The file was sent as application/pdf but its content is image/png.',
      reason: 'type-mismatch',
    });
  });

  it('refuses a type the route does not take (an image) with 422', async () => {
    const res = await request(sample.http)
      .post('/chat/file')
      .field('message', 'What is it?')
      .attach('file', PNG, { filename: 'a.png', contentType: 'image/png' })
      .expect(422);
    expect(res.body.reason).toBe('type-not-allowed');
  });

  it('refuses a file over the limit with 413, before the model is called', async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(MAX_CHAT_FILE_BYTES + 1 - PDF.length)]);
    const res = await request(sample.http)
      .post('/chat/file')
      .field('message', 'Read this')
      .attach('file', big, { filename: 'big.pdf', contentType: 'application/pdf' })
      .expect(413);
    expect(res.body.reason).toBe('too-large');
  });

  it('answers 400 without a file, and 400 without a question', async () => {
    const noFile = await request(sample.http)
      .post('/chat/file')
      .field('message', 'Hello?')
      .expect(400);
    expect(noFile.body.reason).toBe('missing');
    await request(sample.http)
      .post('/chat/file')
      .attach('file', PDF, { filename: 'report.pdf', contentType: 'application/pdf' })
      .expect(400);
  });
});

describe('sample app on fastify: POST /chat/file', () => {
  const sample = useSampleApp('fastify');

  it('answers 501 with a message that names the Express adapter', async () => {
    const res = await request(sample.http)
      .post('/chat/file')
      .field('message', 'What is in this report?')
      .attach('file', PDF, { filename: 'report.pdf', contentType: 'application/pdf' })
      .expect(501);
    expect(res.body).toMatchObject({ statusCode: 501, message: FASTIFY_MULTIPART_MESSAGE });
  });

  it('still answers JSON routes', async () => {
    const res = await request(sample.http).post('/chat').send({ message: 'hi' }).expect(200);
    expect(res.body.text).toBe('[local demo model] You said: hi');
  });
});
