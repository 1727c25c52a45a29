import { readFixture, seededCuts } from '../../../test/support/fixtures';
import { SseDecoder, type SseEvent } from './sse-decoder';

/** Feeds `bytes` cut at `cuts` and returns every event. */
function decode(bytes: Uint8Array, cuts: readonly number[] = []): SseEvent[] {
  const events: SseEvent[] = [];
  const decoder = new SseDecoder((event) => events.push(event));
  let start = 0;
  for (const cut of [...cuts, bytes.length]) {
    decoder.feed(bytes.subarray(start, cut));
    start = cut;
  }
  decoder.end();
  return events;
}

const everyByte = (length: number): number[] => Array.from({ length: length - 1 }, (_, i) => i + 1);

describe('SseDecoder', () => {
  it('decodes data-only events and [DONE] (OpenAI framing)', () => {
    const events = decode(Buffer.from('data: {"a":1}\n\ndata: [DONE]\n\n'));
    expect(events.map((e) => e.data)).toEqual(['{"a":1}', '[DONE]']);
    expect(events[0]?.event).toBeUndefined();
  });

  it('keeps event names (Anthropic, Groq errors) and ignores comments and unknown fields', () => {
    const text =
      ': keep-alive\n\nevent: ping\ndata: {}\n\nfoo: bar\nevent: error\ndata: {"error":1}\n\n';
    expect(decode(Buffer.from(text)).map((e) => [e.event, e.data])).toEqual([
      ['ping', '{}'],
      ['error', '{"error":1}'],
    ]);
  });

  it('accepts CRLF line endings and joins multi-line data', () => {
    const events = decode(Buffer.from('data: a\r\ndata: b\r\n\r\n'));
    expect(events.map((e) => e.data)).toEqual(['a\nb']);
  });

  it('dispatches a last event that lacks its closing blank line', () => {
    expect(decode(Buffer.from('data: x\n\ndata: [DONE]')).map((e) => e.data)).toEqual([
      'x',
      '[DONE]',
    ]);
  });

  it('splits "héllo wörld 🌍" at every byte boundary, one byte at a time too', () => {
    const body = Buffer.from('data: {"t":"héllo wörld 🌍"}\n\n');
    const expected = [{ data: '{"t":"héllo wörld 🌍"}', event: undefined, id: undefined }];
    for (const cut of everyByte(body.length)) expect(decode(body, [cut])).toEqual(expected);
    expect(decode(body, everyByte(body.length))).toEqual(expected);
  });

  it.each([
    'openai/chat-text.stream.txt',
    'openai/chat-tool-calls-parallel.stream.txt',
    'openai/chat-three-choices.stream.txt',
    'openai/responses-text.stream.txt',
    'anthropic/messages-tool-use-parallel.stream.txt',
    'groq/chat-stream-error-tool-use-failed.stream.txt',
  ])('%s: 1-byte and random pieces give the same events as the whole body', (fixture) => {
    const body = Buffer.from(readFixture(fixture));
    const whole = decode(body);
    expect(whole.length).toBeGreaterThan(2);
    expect(decode(body, everyByte(body.length))).toEqual(whole);
    for (const seed of [1, 2, 3])
      expect(decode(body, seededCuts(body.length, seed, 40))).toEqual(whole);
  });

  it('flushes a multi-byte character cut at the very end of the body', () => {
    const body = Buffer.from('data: 🌍');
    // Ends mid-character: the broken tail becomes U+FFFD instead of the event being lost.
    expect(decode(body.subarray(0, body.length - 1)).map((e) => e.data)).toEqual(['\uFFFD']);
  });
});
