import { Injectable, Optional, type PipeTransform } from '@nestjs/common';
import type { AudioPart, FilePart, ImagePart } from '../../core/message.types';
import type { FileToPartOptions } from './file-to-part-options.types';
import { InvalidUploadError } from './invalid-upload.error';
import { sniffMediaType } from './sniff-media-type';
import type { UploadedFileLike } from './uploaded-file.types';

/** What an upload becomes: a document, an image or audio part of a user message. */
export type UploadedPart = FilePart | ImagePart | AudioPart;

const MB = 1024 * 1024;
const DEFAULT_MAX_BYTES = 20 * MB;
const MAX_FILENAME_LENGTH = 200;
const DEFAULT_TYPES: readonly string[] = [
  'application/pdf',
  'text/plain',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'audio/wav',
  'audio/mpeg',
  'audio/flac',
  'audio/ogg',
];

/** Claims that say nothing about the content: the sniffed type is taken without comparison. */
const GENERIC_CLAIMS: ReadonlySet<string> = new Set([
  '',
  'application/octet-stream',
  'binary/octet-stream',
]);

/** Other names clients use for the types the pipe sniffs. */
const ALIASES: Readonly<Record<string, string>> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'audio/x-wav': 'audio/wav',
  'audio/wave': 'audio/wav',
  'audio/vnd.wave': 'audio/wav',
  'audio/mp3': 'audio/mpeg',
  'audio/x-flac': 'audio/flac',
  'application/ogg': 'audio/ogg',
  'audio/x-pdf': 'application/pdf',
  'application/x-pdf': 'application/pdf',
};

const AUDIO_FORMATS: Readonly<Record<string, AudioPart['format']>> = {
  'audio/wav': 'wav',
  'audio/mpeg': 'mp3',
  'audio/flac': 'flac',
  'audio/ogg': 'ogg',
};

function normalizeClaim(mimetype: string | undefined): string {
  const bare = (mimetype ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return ALIASES[bare] ?? bare;
}

/** Text has no signature: it is accepted as text when it decodes as UTF-8 and has no NUL byte. */
function looksLikeText(bytes: Buffer): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

const megabytes = (bytes: number): string => `${(bytes / MB).toFixed(1)} MB`;

/**
 * Turns an `@UploadedFile()` into a message part: a PDF or text file into a `file` part, an image
 * into an `image` part, audio into an `audio` part, its bytes as base64. The media type comes from
 * the file's magic bytes (`sniffMediaType`), not from the client's claim: a claim that names
 * another type is refused (422), a generic one (`application/octet-stream`) is replaced. Plain text
 * is accepted when claimed as `text/plain` and valid UTF-8. Refusals are `InvalidUploadError`s:
 * 400 no file or empty, 413 over `maxBytes`, 422 unrecognised, mismatched or not allowed.
 *
 * @example
 * @Post('ask')
 * @UseInterceptors(FileInterceptor('file', { limits: { fileSize: 20 * 1024 * 1024 } }))
 * ask(@UploadedFile(new FileToPartPipe({ allowedTypes: ['application/pdf'] })) part: UploadedPart) {
 *   return this.chat.chat([{ role: 'user', content: [{ type: 'text', text: 'Summarise' }, part] }]);
 * }
 */
@Injectable()
export class FileToPartPipe implements PipeTransform<
  UploadedFileLike | undefined,
  UploadedPart | undefined
> {
  private readonly maxBytes: number;
  private readonly allowedTypes: ReadonlySet<string>;
  private readonly optional: boolean;

  constructor(@Optional() options: FileToPartOptions = {}) {
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.allowedTypes = new Set(options.allowedTypes ?? DEFAULT_TYPES);
    this.optional = options.optional ?? false;
  }

  /** Checks the upload and builds its part; throws `InvalidUploadError` on a refused file. */
  transform(file: UploadedFileLike | undefined): UploadedPart | undefined {
    if (file === undefined || file === null) {
      if (this.optional) return undefined;
      throw new InvalidUploadError('missing', 'No file was uploaded.');
    }
    const bytes = file.buffer;
    if (bytes === undefined) {
      throw new InvalidUploadError(
        'not-in-memory',
        'The upload is not in memory: use multer memory storage for routes that pass files to a model.',
      );
    }
    const size = Math.max(bytes.length, file.size ?? 0);
    if (size === 0) throw new InvalidUploadError('empty', 'The uploaded file is empty.');
    if (size > this.maxBytes) {
      throw new InvalidUploadError(
        'too-large',
        `The file is ${megabytes(size)}; at most ${megabytes(this.maxBytes)} is accepted.`,
      );
    }
    const mediaType = this.mediaTypeOf(bytes, normalizeClaim(file.mimetype));
    return this.partOf(bytes, mediaType, file.originalname);
  }

  /** Override to sniff more types; the default trusts magic bytes over the client's claim. */
  protected mediaTypeOf(bytes: Buffer, claimed: string): string {
    const sniffed = sniffMediaType(bytes);
    let mediaType: string;
    if (sniffed !== undefined) {
      if (!GENERIC_CLAIMS.has(claimed) && claimed !== sniffed) {
        throw new InvalidUploadError(
          'type-mismatch',
          `The file was sent as ${claimed} but its content is ${sniffed}.`,
        );
      }
      mediaType = sniffed;
    } else if (claimed === 'text/plain' && looksLikeText(bytes)) {
      mediaType = claimed;
    } else {
      throw new InvalidUploadError(
        'unrecognised',
        'The file content is not a recognised type (PDF, image, audio, or UTF-8 text sent as text/plain).',
      );
    }
    if (!this.allowedTypes.has(mediaType)) {
      throw new InvalidUploadError(
        'type-not-allowed',
        `${mediaType} files are not accepted here; accepted: ${[...this.allowedTypes].join(', ')}.`,
      );
    }
    return mediaType;
  }

  private partOf(bytes: Buffer, mediaType: string, filename: string | undefined): UploadedPart {
    const data = bytes.toString('base64');
    const format = AUDIO_FORMATS[mediaType];
    if (format !== undefined) return { type: 'audio', data, format };
    if (
      mediaType === 'image/png' ||
      mediaType === 'image/jpeg' ||
      mediaType === 'image/gif' ||
      mediaType === 'image/webp'
    ) {
      return { type: 'image', data, mediaType };
    }
    // A client may send a path (old browsers) or a very long name: keep the last segment, bounded.
    const name = filename?.split(/[\\/]/).pop()?.trim().slice(0, MAX_FILENAME_LENGTH);
    return name === undefined || name === ''
      ? { type: 'file', data, mediaType }
      : { type: 'file', data, mediaType, filename: name };
  }
}
