/** Media types `sniffMediaType` recognises from their first bytes. */
export type SniffedMediaType =
  | 'application/pdf'
  | 'image/png'
  | 'image/jpeg'
  | 'image/gif'
  | 'image/webp'
  | 'audio/wav'
  | 'audio/mpeg'
  | 'audio/flac'
  | 'audio/ogg';

const startsWith = (bytes: Uint8Array, ascii: string, at = 0): boolean =>
  bytes.length >= at + ascii.length &&
  [...ascii].every((char, i) => bytes[at + i] === char.charCodeAt(0));

/**
 * An MPEG audio frame header: 11 sync bits, then a version and a layer that are not the reserved
 * `00` (layer `00` is AAC's ADTS header, which shares the sync word).
 */
function isMpegFrame(bytes: Uint8Array): boolean {
  const [first, second] = bytes;
  if (first !== 0xff || second === undefined || (second & 0xe0) !== 0xe0) return false;
  const version = (second >> 3) & 0x03;
  const layer = (second >> 1) & 0x03;
  return version !== 0x01 && layer !== 0x00;
}

/**
 * The media type of a file from its magic bytes (PDF `%PDF-`, PNG, JPEG, GIF, WEBP and WAV in
 * their RIFF container, MP3 with an ID3 tag or a bare frame, FLAC, OGG), or `undefined` when none
 * matches. Reads at most the first 12 bytes; plain text has no signature and is not recognised here.
 *
 * @example
 * sniffMediaType(Buffer.from('%PDF-1.7\n')); // 'application/pdf'
 */
export function sniffMediaType(bytes: Uint8Array): SniffedMediaType | undefined {
  if (startsWith(bytes, '%PDF-')) return 'application/pdf';
  if (startsWith(bytes, '\x89PNG\r\n\x1a\n')) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (startsWith(bytes, 'GIF87a') || startsWith(bytes, 'GIF89a')) return 'image/gif';
  if (startsWith(bytes, 'RIFF')) {
    if (startsWith(bytes, 'WEBP', 8)) return 'image/webp';
    if (startsWith(bytes, 'WAVE', 8)) return 'audio/wav';
    return undefined;
  }
  if (startsWith(bytes, 'fLaC')) return 'audio/flac';
  if (startsWith(bytes, 'OggS')) return 'audio/ogg';
  if (startsWith(bytes, 'ID3') || isMpegFrame(bytes)) return 'audio/mpeg';
  return undefined;
}
