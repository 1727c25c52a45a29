import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Redis from 'ioredis';
import { startRedisServer, type RedisServer } from './support/redis-server';

/*
 * Background runs across real processes: two replicas of test/fixtures/run-worker (Nest apps with
 * ConduitQueueModule, RedisAgentRunStore and RedisRunEventLog on one real redis-server) and a fake
 * OpenAI upstream served here, which decides what each model call gets and when. Nothing is
 * mocked between the apps and Redis or BullMQ.
 */

const REGISTER = join(__dirname, 'support', 'swc-register.cjs');
const APP = join(__dirname, 'fixtures', 'run-worker', 'run-worker-app.ts');

interface Replica {
  readonly child: ChildProcess;
  readonly url: string;
  readonly exited: Promise<number | null>;
}

async function startReplica(
  redisUrl: string,
  upstreamUrl: string,
  role: 'worker' | 'web',
): Promise<Replica> {
  const child = spawn(process.execPath, ['-r', REGISTER, APP, redisUrl, upstreamUrl, role], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const port = await new Promise<number>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = /^ready (\d+)$/.exec(line);
      if (match) resolve(Number(match[1]));
    });
    void exited.then((code) =>
      reject(new Error(`replica exited (${String(code)}) before it was ready:\n${stderr}`)),
    );
  });
  return { child, url: `http://127.0.0.1:${port}`, exited };
}

/** One SSE frame as the browser's EventSource sees it. */
interface Frame {
  readonly id: string | undefined;
  readonly event: string | undefined;
  readonly data: Record<string, unknown>;
}

/**
 * Reads an SSE response frame by frame (as EventSource does), calling `onFrame` for each; resolves
 * when the server ends the stream or the connection is cut.
 */
async function readSse(
  url: string,
  headers: Record<string, string>,
  onFrame: (frame: Frame) => void,
): Promise<'ended' | 'cut'> {
  const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers } });
  if (response.status !== 200) throw new Error(`${url}: HTTP ${response.status}`);
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const text = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const field = (name: string) =>
          text
            .split('\n')
            .find((line) => line.startsWith(`${name}:`))
            ?.slice(name.length + 1)
            .trim();
        const data = field('data');
        if (data === undefined) continue;
        onFrame({
          id: field('id'),
          event: field('event'),
          data: JSON.parse(data) as Record<string, unknown>,
        });
      }
    }
    return 'ended';
  } catch {
    return 'cut';
  }
}

/** A fake OpenAI chat completions upstream whose answers the test scripts per request. */
class FakeUpstream {
  readonly requests: { body: Record<string, unknown>; closed: Promise<void> }[] = [];
  private waiters: ((index: number) => void)[] = [];
  private server: Server | undefined;
  url = '';

  constructor(
    private readonly answer: (
      body: Record<string, unknown>,
      index: number,
      res: ServerResponse,
    ) => void,
  ) {}

  async start(): Promise<void> {
    this.server = createServer((req: IncomingMessage, res: ServerResponse) => {
      let text = '';
      req.on('data', (chunk: Buffer) => (text += chunk.toString()));
      req.on('end', () => {
        const body = JSON.parse(text) as Record<string, unknown>;
        const closed = new Promise<void>((resolve) => res.once('close', () => resolve()));
        const index = this.requests.push({ body, closed }) - 1;
        for (const waiter of this.waiters.splice(0)) waiter(index);
        this.answer(body, index, res);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address() as { port: number };
    this.url = `http://127.0.0.1:${address.port}/v1`;
  }

  /** Resolves when the request with this index has arrived. */
  async request(index: number): Promise<{ body: Record<string, unknown>; closed: Promise<void> }> {
    while (this.requests.length <= index) {
      await new Promise<number>((resolve) => this.waiters.push(resolve));
    }
    return this.requests[index];
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

const USAGE = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };

function completion(message: Record<string, unknown>, finishReason: string): string {
  return JSON.stringify({
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1_733_570_000,
    model: 'fake-model',
    choices: [
      { index: 0, message: { role: 'assistant', ...message }, finish_reason: finishReason },
    ],
    usage: USAGE,
  });
}

function promptOf(body: Record<string, unknown>): string {
  const messages = body.messages as { role: string; content: unknown }[];
  const content = messages.find((m) => m.role === 'user')?.content;
  return typeof content === 'string' ? content : JSON.stringify(content ?? '');
}

function hasToolResult(body: Record<string, unknown>): boolean {
  return (body.messages as { role: string }[]).some((m) => m.role === 'tool');
}

describe('background agent runs across processes (real Redis, BullMQ, spawned Nest apps)', () => {
  let redis: RedisServer;
  let client: Redis;
  let upstream: FakeUpstream;
  const replicas: Replica[] = [];
  /** Model calls of the kill test that saw the tool result: the first is left hanging. */
  let afterToolCalls = 0;

  beforeAll(async () => {
    redis = await startRedisServer();
    client = new Redis(redis.url);
    upstream = new FakeUpstream((body, _index, res) => {
      const prompt = promptOf(body);
      const send = (text: string) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(text);
      };
      if (!hasToolResult(body)) {
        return send(
          completion(
            {
              content: null,
              tool_calls: [
                {
                  id: 'call_1',
                  type: 'function',
                  function: { name: 'record_fact', arguments: '{"fact":"EVs sell"}' },
                },
              ],
            },
            'tool_calls',
          ),
        );
      }
      // cancel-me: the answer after the tool never comes; the run is cancelled meanwhile.
      if (prompt.includes('cancel-me')) return;
      afterToolCalls += 1;
      // The first answer after the tool never comes: its worker is killed while waiting.
      if (afterToolCalls === 1) return;
      send(completion({ content: 'EVs sell well.' }, 'stop'));
    });
    await upstream.start();
  }, 60_000);

  afterAll(async () => {
    for (const replica of replicas) {
      if (replica.child.exitCode === null) replica.child.kill('SIGKILL');
    }
    client?.disconnect();
    await upstream?.stop();
    await redis?.stop();
  });

  it('a worker killed with SIGKILL mid-run is replaced by another, which finishes the run without running the tool again; an SSE client that reconnects to the other replica with Last-Event-ID gets every event once, in order', async () => {
    const first = await startReplica(redis.url, upstream.url, 'worker');
    replicas.push(first);
    const enqueued = (await (
      await fetch(`${first.url}/runs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ prompt: 'Research: kill-test' }),
      })
    ).json()) as { runId: string };
    const runId = enqueued.runId;

    // The browser follows the run on the first replica.
    const frames: Frame[] = [];
    const firstRead = readSse(`${first.url}/runs/${runId}/events`, {}, (frame) =>
      frames.push(frame),
    );

    // The first replica's worker ran the tool and waits for the model's next answer: kill it there.
    await upstream.request(1);
    const second = await startReplica(redis.url, upstream.url, 'worker');
    replicas.push(second);
    first.child.kill('SIGKILL');
    await first.exited;
    expect(await firstRead).toBe('cut');

    // EventSource reconnects (to whichever replica the load balancer picks) with Last-Event-ID.
    const lastEventId = frames.at(-1)?.id;
    expect(lastEventId).toBeDefined();
    const ending = await readSse(
      `${second.url}/runs/${runId}/events`,
      { 'last-event-id': lastEventId! },
      (frame) => frames.push(frame),
    );
    expect(ending).toBe('ended');

    // Exactly the log's events, each once, in order, across the two connections.
    const logged = (await client.xrange(`conduit:run-events:${runId}`, '-', '+')).map(([id]) => id);
    expect(frames.map((frame) => frame.id)).toEqual(logged);
    const last = frames.at(-1)!;
    expect(last.event).toBe('run-status');
    expect(last.data).toMatchObject({ status: 'completed', text: 'EVs sell well.' });

    // The tool ran once in all; the model call cut by the kill was made again by the second worker.
    expect(await client.get('test:side-effects:record_fact')).toBe('1');
    expect(
      frames.filter((frame) => frame.event === 'tool-call-start').map((f) => f.data.toolCall),
    ).toHaveLength(1);
    expect(afterToolCalls).toBe(2);
  });

  it('cancel from another replica reaches the worker through Redis: its model call is aborted, the run ends cancelled with the usage so far', async () => {
    const worker = replicas.find(
      (replica) => replica.child.exitCode === null && replica.child.signalCode === null,
    )!;
    const web = await startReplica(redis.url, upstream.url, 'web');
    replicas.push(web);
    const before = upstream.requests.length;
    const { runId } = (await (
      await fetch(`${web.url}/runs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ prompt: 'Research: cancel-me' }),
      })
    ).json()) as { runId: string };
    const frames: Frame[] = [];
    // A client that goes away does not cancel anything: read a little, then disconnect.
    const controller = new AbortController();
    const reading = fetch(`${web.url}/runs/${runId}/events`, { signal: controller.signal });
    const hanging = await upstream.request(before + 1);
    expect(promptOf(hanging.body)).toContain('cancel-me');
    expect(hasToolResult(hanging.body)).toBe(true);
    controller.abort();
    await reading.catch(() => undefined);

    const cancelled = await fetch(`${web.url}/runs/${runId}/cancel`, { method: 'POST' });
    expect(await cancelled.json()).toEqual({ status: 'cancelled' });
    // The worker (another process) dropped its HTTP call to the model.
    await hanging.closed;
    const ending = await readSse(`${worker.url}/runs/${runId}/events`, {}, (frame) =>
      frames.push(frame),
    );
    expect(ending).toBe('ended');
    expect(frames.at(-1)?.data).toMatchObject({
      type: 'run-status',
      status: 'cancelled',
      // The first model call's tokens: recorded although the run was cancelled.
      usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15 },
    });
  });
});
