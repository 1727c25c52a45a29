import { cpus, loadavg } from 'node:os';
import type { ChatRequest, StreamEvent } from '../lib/core';
import { buildAnthropicMessagesBody } from '../lib/providers/anthropic/anthropic-request';
import { AnthropicStreamState } from '../lib/providers/anthropic/anthropic-stream-state';
import { buildGoogleGenerateBody } from '../lib/providers/google/google-request';
import { GoogleStreamState } from '../lib/providers/google/google-stream-state';
import { SseDecoder } from '../lib/providers/shared/sse-decoder';

/**
 * `npm run bench:google`: the CPU the Gemini wire mapping costs per call, in process, no network:
 * building the request body (and its JSON) of a 4-message conversation with 2 tools, and parsing
 * a 200-chunk streamed answer (bytes in 1 KiB pieces -> SSE decoder -> GoogleStreamState ->
 * events). The same two steps on the Anthropic wire (the reference row, a provider whose mapping
 * is known to be cheap) run in the same process. Each figure is the best of `ROUNDS` rounds of
 * `CALLS` calls (CPU time from `process.cpuUsage`), so a burst of load from elsewhere on the
 * machine does not land on one row only.
 */

const CALLS = Number(process.env['BENCH_CALLS'] ?? 2000);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 5);
const CHUNKS = 200;

const REQUEST: ChatRequest = {
  messages: [
    { role: 'system', content: 'You are a weather assistant. Answer briefly.' },
    { role: 'user', content: 'What is the weather in Paris and in Tokyo today?' },
    {
      role: 'assistant',
      content: 'Let me check both.',
      toolCalls: [
        {
          id: 'c1',
          name: 'get_weather',
          arguments: { city: 'Paris' },
          rawArguments: '{"city":"Paris"}',
        },
      ],
    },
    { role: 'tool', toolCallId: 'c1', toolName: 'get_weather', content: '{"temperature":21}' },
  ],
  maxTokens: 512,
  temperature: 0.3,
  tools: ['get_weather', 'get_time'].map((name) => ({
    name,
    description: `The ${name} tool`,
    parameters: {
      type: 'object',
      properties: { city: { type: 'string', description: 'City name' } },
      required: ['city'],
      additionalProperties: false,
    },
  })),
};

function googleStream(): Buffer {
  const chunk = (text: string, last: boolean): string =>
    `data: ${JSON.stringify({
      candidates: [
        {
          content: { parts: [{ text }], role: 'model' },
          ...(last && { finishReason: 'STOP' }),
          index: 0,
        },
      ],
      usageMetadata: {
        promptTokenCount: 60,
        candidatesTokenCount: CHUNKS,
        totalTokenCount: 60 + CHUNKS,
      },
      modelVersion: 'gemini-2.5-flash',
      responseId: 'bench-response',
    })}\r\n\r\n`;
  return Buffer.from(
    Array.from({ length: CHUNKS }, (_, i) => chunk(`word${i} `, i === CHUNKS - 1)).join(''),
  );
}

function anthropicStream(): Buffer {
  const event = (type: string, data: unknown): string =>
    `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
  return Buffer.from(
    [
      event('message_start', {
        type: 'message_start',
        message: {
          id: 'msg_bench',
          model: 'claude-sonnet-4-5',
          usage: { input_tokens: 60, output_tokens: 1 },
        },
      }),
      event('content_block_start', {
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'text', text: '' },
      }),
      ...Array.from({ length: CHUNKS }, (_, i) =>
        event('content_block_delta', {
          type: 'content_block_delta',
          index: 0,
          delta: { type: 'text_delta', text: `word${i} ` },
        }),
      ),
      event('content_block_stop', { type: 'content_block_stop', index: 0 }),
      event('message_delta', {
        type: 'message_delta',
        delta: { stop_reason: 'end_turn', stop_sequence: null },
        usage: { output_tokens: CHUNKS },
      }),
      event('message_stop', { type: 'message_stop' }),
    ].join(''),
  );
}

interface StreamStateLike {
  push(payload: unknown): readonly StreamEvent[];
  finish(): readonly StreamEvent[];
}

/** Bytes -> SSE events -> JSON -> the state's events; returns the number of text deltas. */
function parse(body: Buffer, state: StreamStateLike): number {
  let deltas = 0;
  const count = (events: readonly StreamEvent[]): void => {
    for (const event of events) if (event.type === 'text-delta') deltas++;
  };
  const decoder = new SseDecoder(({ data }) => {
    if (data !== '') count(state.push(JSON.parse(data)));
  });
  for (let at = 0; at < body.length; at += 1024) decoder.feed(body.subarray(at, at + 1024));
  decoder.end();
  count(state.finish());
  return deltas;
}

/** Best CPU microseconds per call over the rounds. */
function measure(run: () => number): number {
  let best = Infinity;
  for (let round = 0; round < ROUNDS; round++) {
    const start = process.cpuUsage();
    let check = 0;
    for (let i = 0; i < CALLS; i++) check += run();
    const used = process.cpuUsage(start);
    if (check === 0) throw new Error('bench: the run produced nothing');
    best = Math.min(best, (used.user + used.system) / CALLS);
  }
  return best;
}

const context = { secrets: ['bench-key'] };
const googleBody = googleStream();
const anthropicBody = anthropicStream();
const rows = [
  {
    wire: 'google (Gemini)',
    build: measure(
      () =>
        JSON.stringify(buildGoogleGenerateBody(REQUEST, { model: 'gemini-2.5-flash' }).body).length,
    ),
    stream: measure(() => parse(googleBody, new GoogleStreamState(context, 'gemini-2.5-flash'))),
    bytes: googleBody.length,
  },
  {
    wire: 'anthropic (reference)',
    build: measure(
      () =>
        JSON.stringify(
          buildAnthropicMessagesBody(REQUEST, { model: 'claude-sonnet-4-5', stream: true }).body,
        ).length,
    ),
    stream: measure(() => parse(anthropicBody, new AnthropicStreamState(context))),
    bytes: anthropicBody.length,
  },
];

const fixed = (value: number, digits = 1): string => value.toFixed(digits);
process.stdout.write(
  [
    `bench:google - ${CALLS} calls x ${ROUNDS} rounds (best round), ${cpus().length} CPUs, load ${loadavg()
      .map((l) => fixed(l, 2))
      .join(' ')}`,
    '',
    `| wire | request build + JSON (CPU µs/call) | ${CHUNKS}-chunk stream parse (CPU µs/call) | stream bytes |`,
    '| --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.wire} | ${fixed(r.build)} | ${fixed(r.stream)} | ${r.bytes} |`),
    '',
  ].join('\n'),
);
