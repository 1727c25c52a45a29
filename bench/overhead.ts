import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { BenchWire } from './bench-client.types';
import type { ClientName } from './run-client';
import { formatReport, type WireResult } from './report';
import { bestFigures, type ClientFigures } from './workloads';

/**
 * `npm run bench`: starts the fake provider in its own process, then runs every client in a fresh
 * process of its own (so peak RSS and JIT state belong to that client alone), one after the other,
 * and prints each figure as a ratio to raw undici measured in the same run. The whole sequence
 * runs `BENCH_PASSES` times (default 2) and each client keeps its best figures, so a burst of
 * load from elsewhere cannot land on one client only.
 */

const CLIENTS: readonly ClientName[] = [
  'raw-undici',
  'conduit',
  'conduit+interceptors',
  'conduit+fallback',
  'sdk',
];
const PASSES = Math.max(1, Number(process.env['BENCH_PASSES'] ?? 2));
const WIRES: readonly BenchWire[] = ['openai', 'anthropic'];

/** Runs a compiled bench script in a child process and returns its last stdout line. */
async function runChild(script: string, args: readonly string[]): Promise<string> {
  const child = spawn(process.execPath, [join(__dirname, script), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const [code] = (await once(child, 'close')) as [number | null];
  if (code !== 0) throw new Error(`${script} ${args.join(' ')} exited with ${code}`);
  return output.trim().split('\n').pop()!;
}

async function startServer(): Promise<{ url: string; stop: () => void }> {
  const server = spawn(process.execPath, [join(__dirname, 'fake-provider-server.js')], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const [line] = (await once(createInterface({ input: server.stdout }), 'line')) as [string];
  const { port } = JSON.parse(line) as { port: number };
  return { url: `http://127.0.0.1:${port}`, stop: () => server.stdin.end() };
}

async function main(): Promise<void> {
  const server = await startServer();
  const figures = new Map<string, ClientFigures>();
  try {
    for (let pass = 1; pass <= PASSES; pass++) {
      for (const wire of WIRES) {
        for (const client of CLIENTS) {
          process.stderr.write(`bench: pass ${pass}/${PASSES}, ${wire} / ${client}...\n`);
          const measured = JSON.parse(
            await runChild('run-client.js', [client, wire, server.url]),
          ) as ClientFigures;
          const key = `${wire}/${client}`;
          const best = figures.get(key);
          figures.set(key, best === undefined ? measured : bestFigures(best, measured));
        }
      }
    }
    const results: WireResult[] = WIRES.map((wire) => ({
      wire,
      figures: new Map(CLIENTS.map((client) => [client, figures.get(`${wire}/${client}`)!])),
    }));
    process.stderr.write('bench: interceptor cost...\n');
    const cost = JSON.parse(await runChild('run-client.js', ['interceptor-cost'])) as {
      perCallUs: number;
      perInterceptorUs: number;
    };
    process.stdout.write(formatReport(results, cost));
  } finally {
    server.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
