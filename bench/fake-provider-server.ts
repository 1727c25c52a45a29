import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The one fake provider every benchmark client talks to, run as its own process so its CPU never
 * counts against a client. It answers OpenAI Chat Completions (`POST /openai/v1/chat/completions`)
 * and Anthropic Messages (`POST /anthropic/v1/messages`), JSON or SSE (`"stream": true` in the
 * body). The shape is chosen per request with headers: `x-bench-deltas` (text deltas, default 20)
 * and `x-bench-delta-bytes` (characters per delta, default 8). Bodies are built once per shape and
 * replayed from memory, so the server does the same tiny amount of work for every client.
 *
 * Started by `bench/overhead.ts`; prints `{"port":N}` on stdout once listening.
 */

type Wire = 'openai' | 'anthropic';

interface Shape {
  readonly wire: Wire;
  readonly stream: boolean;
  readonly deltas: number;
  readonly deltaBytes: number;
}

const bodies = new Map<string, Buffer>();

function deltaText(index: number, size: number): string {
  // Varied letters so no layer can cheat with a constant; ASCII keeps the byte count exact.
  const letter = String.fromCharCode(97 + (index % 26));
  return letter.repeat(size);
}

function openAIBody(shape: Shape): string {
  const head = {
    id: 'chatcmpl-bench',
    object: 'chat.completion',
    created: 1,
    model: 'gpt-4o-mini',
  };
  const usage = {
    prompt_tokens: 12,
    completion_tokens: shape.deltas,
    total_tokens: 12 + shape.deltas,
  };
  if (!shape.stream) {
    let text = '';
    for (let i = 0; i < shape.deltas; i++) text += deltaText(i, shape.deltaBytes);
    const message = { role: 'assistant', content: text, refusal: null };
    return JSON.stringify({
      ...head,
      choices: [{ index: 0, message, logprobs: null, finish_reason: 'stop' }],
      usage,
    });
  }
  const chunk = { ...head, object: 'chat.completion.chunk' };
  const frames: string[] = [];
  const first = { role: 'assistant', content: '' };
  frames.push(
    JSON.stringify({ ...chunk, choices: [{ index: 0, delta: first, finish_reason: null }] }),
  );
  for (let i = 0; i < shape.deltas; i++) {
    const delta = { content: deltaText(i, shape.deltaBytes) };
    frames.push(JSON.stringify({ ...chunk, choices: [{ index: 0, delta, finish_reason: null }] }));
  }
  frames.push(
    JSON.stringify({ ...chunk, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }),
  );
  frames.push(JSON.stringify({ ...chunk, choices: [], usage }));
  return `${frames.map((f) => `data: ${f}\n\n`).join('')}data: [DONE]\n\n`;
}

function anthropicBody(shape: Shape): string {
  const usage = { input_tokens: 12, output_tokens: shape.deltas };
  const message = {
    id: 'msg_bench',
    type: 'message',
    role: 'assistant',
    model: 'claude-sonnet-5-5',
    stop_sequence: null,
  };
  if (!shape.stream) {
    let text = '';
    for (let i = 0; i < shape.deltas; i++) text += deltaText(i, shape.deltaBytes);
    return JSON.stringify({
      ...message,
      content: [{ type: 'text', text }],
      stop_reason: 'end_turn',
      usage,
    });
  }
  const events: [string, unknown][] = [
    [
      'message_start',
      {
        type: 'message_start',
        message: {
          ...message,
          content: [],
          stop_reason: null,
          usage: { ...usage, output_tokens: 1 },
        },
      },
    ],
    [
      'content_block_start',
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
    ],
  ];
  for (let i = 0; i < shape.deltas; i++) {
    const delta = { type: 'text_delta', text: deltaText(i, shape.deltaBytes) };
    events.push(['content_block_delta', { type: 'content_block_delta', index: 0, delta }]);
  }
  events.push(['content_block_stop', { type: 'content_block_stop', index: 0 }]);
  events.push([
    'message_delta',
    {
      type: 'message_delta',
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: { output_tokens: shape.deltas },
    },
  ]);
  events.push(['message_stop', { type: 'message_stop' }]);
  return events.map(([name, data]) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`).join('');
}

function bodyFor(shape: Shape): Buffer {
  const key = `${shape.wire}:${shape.stream}:${shape.deltas}:${shape.deltaBytes}`;
  let body = bodies.get(key);
  if (body === undefined) {
    body = Buffer.from(shape.wire === 'openai' ? openAIBody(shape) : anthropicBody(shape));
    bodies.set(key, body);
  }
  return body;
}

function intHeader(req: IncomingMessage, name: string, fallback: number): number {
  const value = Number(req.headers[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

function answer(req: IncomingMessage, res: ServerResponse, raw: string): void {
  const wire: Wire | undefined = req.url?.startsWith('/openai/')
    ? 'openai'
    : req.url?.startsWith('/anthropic/')
      ? 'anthropic'
      : undefined;
  if (wire === undefined) {
    res.writeHead(404).end();
    return;
  }
  // A cheap check instead of JSON.parse: the server's cost must not depend on the request size.
  const stream = /"stream"\s*:\s*true/.test(raw);
  const shape: Shape = {
    wire,
    stream,
    deltas: intHeader(req, 'x-bench-deltas', 20),
    deltaBytes: intHeader(req, 'x-bench-delta-bytes', 8),
  };
  const body = bodyFor(shape);
  res.writeHead(200, {
    'content-type': stream ? 'text/event-stream' : 'application/json',
    'content-length': String(body.length),
    'x-request-id': 'req_bench',
    'request-id': 'req_bench',
  });
  res.end(body);
}

const server = createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => answer(req, res, Buffer.concat(chunks).toString('utf8')));
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
// The parent closes our stdin when it is done (or dies): exit then, never linger.
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
process.stdin.on('close', () => process.exit(0));
