import {
  ContentFilterError,
  InvalidResponseError,
  ServerError,
  type StreamEvent,
} from '../../core';
import { seededCuts } from '../../../test/support/fixtures';
import {
  GOOGLE_ASK,
  GOOGLE_TEST_KEY,
  googleScript,
  readGoogleFixture,
  useGoogleReplay,
} from '../../../test/support/google-harness';

const replay = useGoogleReplay();

/** The text deltas of the recorded chunks, read from the fixture itself (not through the mapper). */
function fixtureTexts(name: string): string[] {
  return readGoogleFixture(name)
    .split('\r\n\r\n')
    .filter((event) => event.startsWith('data: '))
    .flatMap((event) => {
      const chunk = JSON.parse(event.slice(6)) as {
        candidates?: { content?: { parts?: { text?: string; thought?: boolean }[] } }[];
      };
      return (chunk.candidates?.[0]?.content?.parts ?? [])
        .filter((p) => p.thought !== true && p.text !== undefined && p.text !== '')
        .map((p) => p.text as string);
    });
}

const STREAM_FIXTURES = [
  'stream-text.stream.txt',
  'stream-thinking-tools.stream.txt',
  'stream-safety.stream.txt',
  'stream-error-unavailable.stream.txt',
  'stream-truncated.stream.txt',
];

/** Events until the stream ended, with its error (if any) as the last item. */
async function outcome(
  name: string,
  extra: Parameters<typeof googleScript>[1] = {},
): Promise<(StreamEvent | { failed: string; message: string })[]> {
  const seen: (StreamEvent | { failed: string; message: string })[] = [];
  await new Promise<void>((resolve) => {
    replay
      .model(googleScript(name, extra))
      .stream(GOOGLE_ASK)
      .subscribe({
        next: (event) => seen.push(event),
        error: (error: Error) => {
          seen.push({ failed: error.constructor.name, message: error.message });
          resolve();
        },
        complete: () => resolve(),
      });
  });
  return seen;
}

describe('GoogleChatModel.stream() on the hand-written fixtures', () => {
  it('posts to :streamGenerateContent?alt=sse with the key in the header only', async () => {
    await replay.events(googleScript('stream-text.stream.txt'));
    const [request] = replay.server.requests;
    expect(request?.path).toBe('/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse');
    expect(request?.headers['x-goog-api-key']).toBe(GOOGLE_TEST_KEY);
    expect(request?.rawBody).not.toContain(GOOGLE_TEST_KEY);
  });

  it('streams text chunk by chunk, then usage and finish from the last chunk', async () => {
    const events = await replay.events(googleScript('stream-text.stream.txt'));
    const usage = { inputTokens: 11, outputTokens: 27, totalTokens: 38 };
    expect(events).toEqual([
      { type: 'start', id: 'Vhm3aJmCO8ycnvgP0beW8QU', model: 'gemini-2.5-flash', warnings: [] },
      ...fixtureTexts('stream-text.stream.txt').map((delta) => ({ type: 'text-delta', delta })),
      { type: 'usage', usage },
      {
        type: 'finish',
        finishReason: 'stop',
        rawFinishReason: 'STOP',
        usage,
        providerMetadata: {
          google: {
            modelVersion: 'gemini-2.5-flash',
            responseId: 'Vhm3aJmCO8ycnvgP0beW8QU',
            usageMetadata: { promptTokenCount: 11, candidatesTokenCount: 27, totalTokenCount: 38 },
          },
        },
      },
    ]);
    const response = await replay.collect(googleScript('stream-text.stream.txt'));
    expect(response.text).toBe(fixtureTexts('stream-text.stream.txt').join(''));
  });

  it('streams thought text as reasoning, then whole function calls, the first signed', async () => {
    const events = await replay.events(googleScript('stream-thinking-tools.stream.txt'));
    expect(events.map((e) => e.type)).toEqual([
      'start',
      'reasoning-delta',
      'reasoning-delta',
      'reasoning-delta',
      'tool-call-start',
      'tool-call-delta',
      'tool-call',
      'tool-call-start',
      'tool-call-delta',
      'tool-call',
      'usage',
      'finish',
    ]);
    expect(events[3]).toEqual({
      type: 'reasoning-delta',
      delta: '',
      signature: 'EpYDCpMDAdHtim9hN2Zx3Kq1yT8uVbW0cR4eLsJ6gPoA5iDf7nMkQ',
    });
    expect(events.filter((e) => e.type === 'tool-call')).toEqual([
      {
        type: 'tool-call',
        index: 0,
        toolCall: {
          id: 'gemcall_Qy-3aIDpNaynnvgPhKGB6As_0',
          name: 'get_weather',
          arguments: { city: 'Paris', unit: 'celsius' },
          rawArguments: '{"city":"Paris","unit":"celsius"}',
        },
      },
      {
        type: 'tool-call',
        index: 1,
        toolCall: {
          id: 'gemcall_Qy-3aIDpNaynnvgPhKGB6As_1',
          name: 'get_weather',
          arguments: { city: 'Tokyo', unit: 'celsius' },
          rawArguments: '{"city":"Tokyo","unit":"celsius"}',
        },
      },
    ]);
    expect(events[events.length - 1]).toMatchObject({
      type: 'finish',
      finishReason: 'tool_calls',
      usage: { inputTokens: 118, outputTokens: 172, totalTokens: 290, reasoningTokens: 136 },
    });
  });

  it('fails with ContentFilterError (stage completion, the blocked category) after the text sent so far', async () => {
    const seen = await outcome('stream-safety.stream.txt');
    expect(seen.slice(0, 2)).toEqual([
      expect.objectContaining({ type: 'start' }),
      { type: 'text-delta', delta: 'Here is how you' },
    ]);
    const error = await replay
      .collect(googleScript('stream-safety.stream.txt'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContentFilterError);
    expect(error).toMatchObject({
      code: 'SAFETY',
      stage: 'completion',
      categories: ['HARM_CATEGORY_DANGEROUS_CONTENT'],
    });
  });

  it('fails with a retryable ServerError on an { error } payload inside the stream', async () => {
    const error = await replay
      .collect(googleScript('stream-error-unavailable.stream.txt'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ code: 'UNAVAILABLE', isRetryable: true, provider: 'google' });
  });

  it('fails a stream that ends without a finish reason instead of returning half an answer', async () => {
    const error = await replay
      .collect(googleScript('stream-truncated.stream.txt'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toMatch(/without a finish reason/);
  });

  it.each(STREAM_FIXTURES)(
    'gives identical events and outcome whatever the chunking: %s',
    async (name) => {
      const whole = await outcome(name);
      expect(await outcome(name, { chunkSize: 1 })).toEqual(whole);
      const length = Buffer.byteLength(readGoogleFixture(name));
      expect(await outcome(name, { cutAt: seededCuts(length, 7) })).toEqual(whole);
    },
  );

  it('keeps multi-byte characters whole when a cut falls inside them', async () => {
    const body = Buffer.from(readGoogleFixture('stream-text.stream.txt'));
    // Every byte offset that lands inside a UTF-8 sequence (continuation bytes 10xxxxxx).
    const inside = [...body.keys()].filter((i) => ((body[i] ?? 0) & 0xc0) === 0x80);
    expect(inside.length).toBeGreaterThan(5);
    const whole = await replay.collect(googleScript('stream-text.stream.txt'));
    const split = await replay.collect(googleScript('stream-text.stream.txt', { cutAt: inside }));
    expect(split.text).toBe(whole.text);
    expect(split.text).toContain('orangé au crépuscule');
    expect(split.text).toContain('🌅🌌');
  });
});
