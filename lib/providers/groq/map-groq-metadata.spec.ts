import { readFixture, readFixtureJson } from '../../../test/support/fixtures';
import { SseDecoder } from '../shared/sse-decoder';
import { readGroqMetadata, type GroqMetadata } from './map-groq-metadata';

/** The parsed `data:` payloads of a recorded stream, `[DONE]` left out. */
function streamPayloads(name: string): unknown[] {
  const payloads: unknown[] = [];
  const decoder = new SseDecoder((event) => {
    if (event.data !== '[DONE]') payloads.push(JSON.parse(event.data));
  });
  decoder.feed(new TextEncoder().encode(readFixture(name)));
  decoder.end();
  return payloads;
}

/** Every chunk's metadata merged field by field, later chunks winning. */
const foldStream = (name: string): GroqMetadata =>
  streamPayloads(name).reduce<GroqMetadata>(
    (gathered, chunk) => ({ ...gathered, ...readGroqMetadata(chunk) }),
    {},
  );

describe('readGroqMetadata (non-streamed bodies)', () => {
  it('reads x_groq.id, x_groq.seed and the usage timings of the recorded text answer', () => {
    expect(readGroqMetadata(readFixtureJson('groq/chat-text.json'))).toEqual({
      requestId: 'req_01kh52m3qqem4sw141xf026ehx',
      seed: 167346302,
      timings: {
        queueTime: 0.041876985,
        promptTime: 0.001954727,
        completionTime: 2.245177008,
        totalTime: 2.247131735,
      },
    });
  });

  it.each(['groq/chat-reasoning.json', 'groq/chat-tool-call.json'])(
    'reads the same fields from %s',
    (name) => {
      const body = readFixtureJson<{ x_groq: { id: string }; usage: { total_time: number } }>(name);
      const metadata = readGroqMetadata(body);
      expect(metadata.requestId).toBe(body.x_groq.id);
      expect(metadata.requestId).toMatch(/^req_/);
      expect(metadata.timings?.totalTime).toBe(body.usage.total_time);
      expect(Object.keys(metadata.timings ?? {}).sort()).toEqual([
        'completionTime',
        'promptTime',
        'queueTime',
        'totalTime',
      ]);
    },
  );

  it('gives nothing for an OpenAI body, and ignores malformed fields', () => {
    expect(readGroqMetadata(readFixtureJson('openai/chat-text.json'))).toEqual({});
    expect(readGroqMetadata('text')).toEqual({});
    expect(
      readGroqMetadata({ x_groq: { id: 7, seed: 'x' }, usage: { queue_time: 'soon' } }),
    ).toEqual({});
  });
});

describe('readGroqMetadata merged over the chunks of recorded streams', () => {
  it('keeps the id of the first chunk and the x_groq.usage timings of the last', () => {
    expect(foldStream('groq/chat-tool-call.stream.txt')).toEqual({
      requestId: 'req_01khrvt32ze9rb75za4xqmdz13',
      seed: 1367355884,
      timings: {
        queueTime: 0.00491786,
        promptTime: 0.01460151,
        completionTime: 0.11216431,
        totalTime: 0.12676582,
      },
    });
  });

  it.each(['groq/chat-tool-call.chunks.jsonl', 'groq/chat-tool-result-followup.stream.txt'])(
    'gathers the same fields from %s',
    (name) => {
      const metadata = foldStream(name);
      expect(metadata.requestId).toMatch(/^req_/);
      expect(metadata.timings?.totalTime).toEqual(expect.any(Number));
      expect(metadata.timings?.queueTime).toEqual(expect.any(Number));
    },
  );

  it('has the same keys as a non-streamed answer, so both paths agree', () => {
    const streamed = foldStream('groq/chat-tool-call.chunks.jsonl');
    const whole = readGroqMetadata(readFixtureJson('groq/chat-tool-call.json'));
    expect(Object.keys(streamed).sort()).toEqual(Object.keys(whole).sort());
    expect(Object.keys(streamed.timings ?? {}).sort()).toEqual(
      Object.keys(whole.timings ?? {}).sort(),
    );
  });
});
