import { HttpException, HttpStatus } from '@nestjs/common';

/** Why an upload was refused. */
export type InvalidUploadReason =
  | 'missing'
  | 'empty'
  | 'not-in-memory'
  | 'too-large'
  | 'unrecognised'
  | 'type-mismatch'
  | 'type-not-allowed';

const STATUS: Readonly<Record<InvalidUploadReason, HttpStatus>> = {
  missing: HttpStatus.BAD_REQUEST,
  empty: HttpStatus.BAD_REQUEST,
  'not-in-memory': HttpStatus.INTERNAL_SERVER_ERROR,
  'too-large': HttpStatus.PAYLOAD_TOO_LARGE,
  unrecognised: HttpStatus.UNPROCESSABLE_ENTITY,
  'type-mismatch': HttpStatus.UNPROCESSABLE_ENTITY,
  'type-not-allowed': HttpStatus.UNPROCESSABLE_ENTITY,
};

/**
 * An upload `FileToPartPipe` refused, as an HTTP error: 400 when there is no file or it is empty,
 * 413 when it is too large, 422 when its content is not a type the pipe takes or does not match
 * the type the client claimed; 500 when the app stores uploads on disk, where the pipe cannot read
 * them. The response body is `{ statusCode, error, message, reason }`; the file's bytes never
 * appear in it.
 */
export class InvalidUploadError extends HttpException {
  /** The machine-readable cause, also in the response body. */
  readonly reason: InvalidUploadReason;

  constructor(reason: InvalidUploadReason, message: string) {
    const status = STATUS[reason];
    super({ statusCode: status, error: 'Invalid upload', message, reason }, status);
    this.reason = reason;
  }
}
