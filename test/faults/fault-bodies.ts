import { readFixture } from '../support/fixtures';
import type { FaultWire } from './fault-harness';

/** An error body in the wire's format. */
export function errorBody(wire: FaultWire, type: string, message: string, code?: string): string {
  if (wire === 'openai') {
    return JSON.stringify({ error: { message, type, param: null, code: code ?? type } });
  }
  return JSON.stringify({ type: 'error', error: { type, message }, request_id: 'req_fault' });
}

/** The wire's rate-limit reset header, set `seconds` from now. */
export function resetHeader(wire: FaultWire, seconds: number): Record<string, string> {
  if (wire === 'openai') return { 'x-ratelimit-reset-requests': `${seconds}s` };
  const at = new Date(Date.now() + seconds * 1000).toISOString();
  return { 'anthropic-ratelimit-requests-reset': at };
}

/** The recorded SSE body of the wire's text answer. */
export function cleanSse(fixture: string): string {
  return readFixture(fixture);
}

/** Byte offset just after the first event carrying answer text (a cut there delivers one delta). */
export function afterFirstTextEvent(wire: FaultWire, sse: string): number {
  const marker = wire === 'openai' ? '"content":"' : '"type":"text_delta"';
  let from = 0;
  for (;;) {
    const at = sse.indexOf(marker, from);
    if (at === -1) throw new Error('no text event in the fixture');
    // OpenAI's first chunk carries `"content":""`: skip empty deltas.
    if (wire === 'anthropic' || sse[at + marker.length] !== '"') {
      return Buffer.byteLength(sse.slice(0, sse.indexOf('\n\n', at) + 2));
    }
    from = at + marker.length;
  }
}

/** Every event framed with `\r\n` line ends instead of `\n`. */
export function withCrlf(sse: string): string {
  return sse.replace(/\r?\n/g, '\r\n');
}

/** A comment line (a keep-alive) before every event. */
export function withComments(sse: string): string {
  return sse
    .split('\n\n')
    .map((event) => (event.trim() === '' ? event : `: keep-alive\n\n${event}`))
    .join('\n\n');
}

/** An event of a type no client knows, before every real event. */
export function withUnknownEvents(wire: FaultWire, sse: string): string {
  const unknown =
    wire === 'openai'
      ? 'event: fault.unknown\ndata: {"object":"fault.unknown","detail":1}\n\n'
      : 'event: ping\ndata: {"type":"ping"}\n\nevent: fault_unknown\ndata: {"type":"fault_unknown"}\n\n';
  return sse
    .split('\n\n')
    .map((event) => (event.trim() === '' ? event : `${unknown}${event}`))
    .join('\n\n');
}

/** The blank lines between events removed: every `data:` line joins one event (not JSON). */
export function withoutBlankLines(sse: string): string {
  return sse.replace(/\n\n/g, '\n');
}

/** The stream cut after its first text event, followed by the wire's `error` event. */
export function withErrorEvent(wire: FaultWire, sse: string): string {
  const head = Buffer.from(sse).subarray(0, afterFirstTextEvent(wire, sse)).toString('utf8');
  const error =
    wire === 'openai'
      ? 'data: {"error":{"message":"The server had an error while processing your request.","type":"server_error","code":"server_error"}}\n\n'
      : 'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n';
  return `${head}${error}`;
}

/** A streamed answer whose text is multi-byte UTF-8 (accents, CJK, emoji). */
export function multiByteSse(wire: FaultWire, pieces: readonly string[]): string {
  if (wire === 'openai') {
    const chunk = (delta: object, finish: string | null): string =>
      `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
    return [
      chunk({ role: 'assistant', content: '' }, null),
      ...pieces.map((text) => chunk({ content: text }, null)),
      chunk({}, 'stop'),
      'data: [DONE]\n\n',
    ].join('');
  }
  const event = (name: string, data: object): string =>
    `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
  return [
    event('message_start', {
      type: 'message_start',
      message: {
        id: 'msg_1',
        type: 'message',
        role: 'assistant',
        model: 'claude-sonnet-4-5',
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: 3, output_tokens: 1 },
      },
    }),
    event('content_block_start', {
      type: 'content_block_start',
      index: 0,
      content_block: { type: 'text', text: '' },
    }),
    ...pieces.map((text) =>
      event('content_block_delta', {
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'text_delta', text },
      }),
    ),
    event('content_block_stop', { type: 'content_block_stop', index: 0 }),
    event('message_delta', {
      type: 'message_delta',
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: { output_tokens: 5 },
    }),
    event('message_stop', { type: 'message_stop' }),
  ].join('');
}
