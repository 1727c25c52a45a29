import { InvalidResponseError } from '../../core';

/**
 * Decodes one embedding: a base64 string of little-endian float32 values (what
 * `encoding_format: "base64"` returns), or a plain number array from servers that ignore the
 * option. Throws InvalidResponseError for anything else.
 */
export function decodeOpenAIEmbedding(raw: unknown, provider: string): number[] {
  if (typeof raw === 'string') {
    const bytes = Buffer.from(raw, 'base64');
    if (bytes.length % 4 !== 0) {
      throw new InvalidResponseError(
        `${provider}: a base64 embedding has ${bytes.length} bytes, not a whole number of float32 values`,
        { provider },
      );
    }
    const vector = new Array<number>(bytes.length / 4);
    for (let i = 0; i < vector.length; i++) vector[i] = bytes.readFloatLE(i * 4);
    return vector;
  }
  if (Array.isArray(raw) && (raw as unknown[]).every((v) => typeof v === 'number')) {
    return raw as number[];
  }
  throw new InvalidResponseError(`${provider}: an embedding is neither base64 nor a number array`, {
    provider,
  });
}
