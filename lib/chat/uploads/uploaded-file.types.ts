/**
 * The fields of an `@UploadedFile()` the pipe reads: the shape of `Express.Multer.File` (and of
 * Fastify multipart adapters that mimic it), typed structurally so multer is not a dependency.
 * The bytes must be in memory (`buffer`): multer's default memory storage, not disk storage.
 */
export interface UploadedFileLike {
  /** The file name the client sent. */
  readonly originalname?: string;
  /** The media type the client claimed (browsers guess it from the extension). */
  readonly mimetype?: string;
  /** Size in bytes, as multer counted it. */
  readonly size?: number;
  readonly buffer?: Buffer;
}
