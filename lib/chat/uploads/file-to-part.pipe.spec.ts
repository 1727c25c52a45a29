import { HttpStatus } from '@nestjs/common';
import { FileToPartPipe } from './file-to-part.pipe';
import { InvalidUploadError, type InvalidUploadReason } from './invalid-upload.error';
import { sniffMediaType } from './sniff-media-type';
import type { UploadedFileLike } from './uploaded-file.types';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Page >>\nendobj\n%%EOF\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
const GIF = Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1');
const riff = (kind: string): Buffer =>
  Buffer.concat([Buffer.from('RIFF'), Buffer.from([36, 0, 0, 0]), Buffer.from(kind)]);
const WEBP = riff('WEBPVP8 ');
const WAV = riff('WAVEfmt ');
const MP3_ID3 = Buffer.from('ID3\x04\x00\x00', 'latin1');
const MP3_FRAME = Buffer.from([0xff, 0xfb, 0x90, 0x64]);
const AAC_ADTS = Buffer.from([0xff, 0xf1, 0x50, 0x80]);
const FLAC = Buffer.from('fLaC\x00\x00\x00\x22', 'latin1');
const OGG = Buffer.from('OggS\x00\x02', 'latin1');

const upload = (
  buffer: Buffer | undefined,
  mimetype = '',
  originalname = 'f',
): UploadedFileLike => ({
  originalname,
  mimetype,
  size: buffer?.length ?? 0,
  ...(buffer === undefined ? {} : { buffer }),
});

function refusal(run: () => unknown): {
  reason: InvalidUploadReason;
  status: number;
  body: unknown;
} {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidUploadError) {
      return { reason: error.reason, status: error.getStatus(), body: error.getResponse() };
    }
    throw error;
  }
  throw new Error('expected an InvalidUploadError');
}

describe('sniffMediaType', () => {
  it.each([
    ['PDF', PDF, 'application/pdf'],
    ['PNG', PNG, 'image/png'],
    ['JPEG', JPEG, 'image/jpeg'],
    ['GIF', GIF, 'image/gif'],
    ['WEBP (RIFF)', WEBP, 'image/webp'],
    ['WAV (RIFF)', WAV, 'audio/wav'],
    ['MP3 with an ID3 tag', MP3_ID3, 'audio/mpeg'],
    ['MP3 frame sync', MP3_FRAME, 'audio/mpeg'],
    ['FLAC', FLAC, 'audio/flac'],
    ['OGG', OGG, 'audio/ogg'],
  ])('recognises %s', (_name, bytes, type) => {
    expect(sniffMediaType(bytes)).toBe(type);
  });

  it.each([
    ['text', Buffer.from('hello')],
    ['an AAC ADTS header (same sync word, layer 00)', AAC_ADTS],
    ['another RIFF file (AVI)', riff('AVI LIST')],
    ['a truncated PDF signature', Buffer.from('%PD')],
    ['nothing', Buffer.alloc(0)],
  ])('recognises nothing in %s', (_name, bytes) => {
    expect(sniffMediaType(bytes)).toBeUndefined();
  });
});

describe('FileToPartPipe', () => {
  const pipe = new FileToPartPipe();

  it('turns a PDF into a file part with its base64 bytes and file name', () => {
    expect(pipe.transform(upload(PDF, 'application/pdf', 'C:\\docs\\q3 report.pdf'))).toEqual({
      type: 'file',
      data: PDF.toString('base64'),
      mediaType: 'application/pdf',
      filename: 'q3 report.pdf',
    });
  });

  it('turns images into image parts and audio into audio parts with their format', () => {
    expect(pipe.transform(upload(PNG, 'image/png'))).toEqual({
      type: 'image',
      data: PNG.toString('base64'),
      mediaType: 'image/png',
    });
    expect(pipe.transform(upload(WAV, 'audio/x-wav'))).toEqual({
      type: 'audio',
      data: WAV.toString('base64'),
      format: 'wav',
    });
    expect(pipe.transform(upload(MP3_FRAME, 'audio/mp3'))).toMatchObject({ format: 'mp3' });
    expect(pipe.transform(upload(FLAC, ''))).toMatchObject({ format: 'flac' });
    expect(pipe.transform(upload(OGG, 'application/ogg'))).toMatchObject({ format: 'ogg' });
  });

  it('takes the sniffed type over a generic claim', () => {
    expect(pipe.transform(upload(PDF, 'application/octet-stream'))).toMatchObject({
      type: 'file',
      mediaType: 'application/pdf',
    });
  });

  it('refuses content that contradicts the claimed type with 422', () => {
    const { reason, status, body } = refusal(() => pipe.transform(upload(PDF, 'image/png')));
    expect(reason).toBe('type-mismatch');
    expect(status).toBe(HttpStatus.UNPROCESSABLE_ENTITY);
    expect(body).toEqual({
      statusCode: 422,
      error: 'Invalid upload',
      message: 'The file was sent as image/png but its content is application/pdf.',
      reason: 'type-mismatch',
    });
  });

  it('accepts UTF-8 text claimed as text/plain, refuses binary claimed as text', () => {
    const text = Buffer.from('Bonjour, ça va ?\n');
    expect(pipe.transform(upload(text, 'text/plain; charset=utf-8', 'notes.txt'))).toEqual({
      type: 'file',
      data: text.toString('base64'),
      mediaType: 'text/plain',
      filename: 'notes.txt',
    });
    expect(
      refusal(() => pipe.transform(upload(Buffer.from([0x68, 0, 0xff]), 'text/plain'))).reason,
    ).toBe('unrecognised');
    expect(
      refusal(() => pipe.transform(upload(Buffer.from('PK\x03\x04'), 'application/zip'))).status,
    ).toBe(422);
  });

  it('refuses a file over maxBytes with 413, by its buffer or by the size multer reported', () => {
    const small = new FileToPartPipe({ maxBytes: 16 });
    expect(refusal(() => small.transform(upload(PDF))).status).toBe(HttpStatus.PAYLOAD_TOO_LARGE);
    expect(
      refusal(() => small.transform({ ...upload(Buffer.from('%PDF-')), size: 17 })).reason,
    ).toBe('too-large');
    expect(small.transform(upload(Buffer.from('%PDF-1.7\n'), 'application/pdf'))).toMatchObject({
      type: 'file',
    });
  });

  it('refuses sniffed types outside allowedTypes with 422', () => {
    const pdfOnly = new FileToPartPipe({ allowedTypes: ['application/pdf'] });
    const { reason, body } = refusal(() => pdfOnly.transform(upload(PNG, 'image/png')));
    expect(reason).toBe('type-not-allowed');
    expect(JSON.stringify(body)).toContain('accepted: application/pdf');
  });

  it('refuses a missing or empty file with 400, unless the file is optional', () => {
    expect(refusal(() => pipe.transform(undefined))).toMatchObject({
      reason: 'missing',
      status: 400,
    });
    expect(refusal(() => pipe.transform(upload(Buffer.alloc(0))))).toMatchObject({
      reason: 'empty',
      status: 400,
    });
    expect(new FileToPartPipe({ optional: true }).transform(undefined)).toBeUndefined();
  });

  it('says to use memory storage when the upload has no buffer', () => {
    const { reason, body } = refusal(() => pipe.transform(upload(undefined, 'application/pdf')));
    expect(reason).toBe('not-in-memory');
    expect(JSON.stringify(body)).toContain('memory storage');
  });
});
