import type { Message, UserContentPart } from '../core';
import { countMessageTokens, countTokens } from './count-tokens';

const userWith = (part: UserContentPart): Message => ({ role: 'user', content: [part] });
/** Tokens the part adds to a user message, on an exact (OpenAI) tokenizer. */
const partTokens = (part: UserContentPart): number =>
  countMessageTokens(userWith(part), { model: 'gpt-4o' }) -
  countMessageTokens({ role: 'user', content: [] }, { model: 'gpt-4o' });
const base64Of = (bytes: number): string => Buffer.alloc(bytes).toString('base64');

describe('countTokens: files and audio (estimates)', () => {
  it('counts a PDF 2,000 tokens a page, one page per 50 KB, at least one', () => {
    const pdf = (bytes: number): UserContentPart => ({
      type: 'file',
      data: base64Of(bytes),
      mediaType: 'application/pdf',
    });
    expect(partTokens(pdf(1_000))).toBe(2_000);
    expect(partTokens(pdf(50_000))).toBe(2_000);
    expect(partTokens(pdf(50_001))).toBe(4_000);
    expect(partTokens(pdf(500_000))).toBe(20_000);
  });

  it('counts a text file by its decoded text', () => {
    const text = 'The quick brown fox jumps over the lazy dog. '.repeat(20);
    const file: UserContentPart = {
      type: 'file',
      data: Buffer.from(text).toString('base64'),
      mediaType: 'text/plain',
    };
    expect(partTokens(file)).toBe(partTokens({ type: 'text', text }));
  });

  it('counts a file by URL as one page (its size is unknown)', () => {
    expect(partTokens({ type: 'file', url: 'https://x/a.pdf', mediaType: 'application/pdf' })).toBe(
      2_000,
    );
  });

  it('counts audio 10 tokens a second, a second per 16 KB', () => {
    const audio = (bytes: number): UserContentPart => ({
      type: 'audio',
      data: base64Of(bytes),
      format: 'wav',
    });
    expect(partTokens(audio(16_000))).toBe(10);
    expect(partTokens(audio(16_000 * 60))).toBe(600);
    expect(partTokens(audio(16_001))).toBe(20);
  });

  it('adds the 10% margin on non-OpenAI models, as for text', () => {
    const messages = [userWith({ type: 'audio', data: base64Of(16_000 * 60), format: 'mp3' })];
    const exact = countTokens(messages, undefined, { model: 'gpt-4o' });
    const estimate = countTokens(messages, undefined, { model: 'claude-sonnet-4-5' });
    expect(estimate).toBe(Math.ceil(exact * 1.1));
  });
});
