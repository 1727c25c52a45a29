import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ConduitClient } from './clients/conduit.client';
import { shapeHeaders } from './bench-client.types';

/**
 * Soak: `SOAK_CALLS` (default 100,000) streamed calls through ChatService with retry, logging and
 * cost interceptors, a third of them unsubscribed at a random delta, 32 in flight. Prints heap,
 * RSS and open sockets every tenth of the run: after warm-up they must stay flat.
 *
 * Run: npx tsc -p bench/tsconfig.json && node node_modules/.cache/nestjs-conduit-bench/bench/soak.js
 */

const CALLS = Number(process.env['SOAK_CALLS'] ?? 100_000);
const IN_FLIGHT = 32;
const SHAPE = { deltas: 40, deltaBytes: 8 };

function sockets(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;
}

async function main(): Promise<void> {
  const server = spawn(process.execPath, [join(__dirname, 'fake-provider-server.js')], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const [line] = (await once(createInterface({ input: server.stdout }), 'line')) as [string];
  const { port } = JSON.parse(line) as { port: number };
  const client = await ConduitClient.create('openai', `http://127.0.0.1:${port}`, true);
  const chat = client.service;
  let started = 0;
  let finished = 0;
  let aborted = 0;
  const step = Math.max(1, Math.floor(CALLS / 10));
  process.stdout.write('calls\theap MB\tRSS MB\tsockets\taborted\n');
  const one = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const cutAt = Math.random() < 1 / 3 ? Math.floor(Math.random() * SHAPE.deltas) : -1;
      let seen = 0;
      const subscription = chat
        .stream('Say something.', { maxTokens: 64, headers: shapeHeaders(SHAPE) })
        .subscribe({
          next: (event) => {
            if (event.type !== 'text-delta' || seen++ !== cutAt) return;
            aborted++;
            // Unsubscribing aborts the HTTP request: the socket must be released, not leaked.
            queueMicrotask(() => subscription.unsubscribe());
            resolve();
          },
          error: reject,
          complete: resolve,
        });
    });
  const worker = async (): Promise<void> => {
    while (started < CALLS) {
      started++;
      await one();
      finished++;
      if (finished % step === 0) {
        const { heapUsed, rss } = process.memoryUsage();
        const mb = (bytes: number): string => (bytes / 1048576).toFixed(1);
        process.stdout.write(
          `${finished}\t${mb(heapUsed)}\t${mb(rss)}\t${sockets()}\t${aborted}\n`,
        );
      }
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  await client.close();
  server.stdin.end();
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
