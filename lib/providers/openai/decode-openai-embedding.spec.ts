import { InvalidResponseError } from '../../core';
import { decodeOpenAIEmbedding } from './decode-openai-embedding';

describe('decodeOpenAIEmbedding', () => {
  it('decodes little-endian float32 base64', () => {
    const bytes = Buffer.alloc(12);
    [0.5, -1.25, 3].forEach((v, i) => bytes.writeFloatLE(v, i * 4));
    expect(decodeOpenAIEmbedding(bytes.toString('base64'), 'openai')).toEqual([0.5, -1.25, 3]);
  });

  it('accepts float arrays from servers that ignore encoding_format', () => {
    expect(decodeOpenAIEmbedding([0.1, 0.2], 'openai')).toEqual([0.1, 0.2]);
  });

  it('rejects a byte count that is not a multiple of 4 and other shapes', () => {
    expect(() => decodeOpenAIEmbedding(Buffer.alloc(6).toString('base64'), 'openai')).toThrow(
      InvalidResponseError,
    );
    expect(() => decodeOpenAIEmbedding(['a'], 'openai')).toThrow(
      /neither base64 nor a number array/,
    );
    expect(() => decodeOpenAIEmbedding(undefined, 'openai')).toThrow(InvalidResponseError);
  });
});
