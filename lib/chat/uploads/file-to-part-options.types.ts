/** Options of `FileToPartPipe`. */
export interface FileToPartOptions {
  /**
   * Largest file accepted, in bytes (default 20 MB: under every provider's inline limit once
   * base64-encoded). Also set multer's `limits.fileSize` on the interceptor, so a larger upload is
   * cut off while it streams instead of being buffered whole first.
   */
  readonly maxBytes?: number;
  /**
   * Media types accepted after sniffing (default: PDF, plain text, PNG, JPEG, GIF, WEBP, WAV, MP3,
   * FLAC and OGG).
   */
  readonly allowedTypes?: readonly string[];
  /** Whether a request without a file passes as `undefined` instead of failing (default false). */
  readonly optional?: boolean;
}
