import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { BenchWire } from './bench-client.types';
import type { ClientName } from './run-client';
import { formatReport, type WireResult } from './report';
import type { ClientFigures } from './workloads';

/**
 * `npm run bench`: starts the fake provider in its own process, then runs every client in a fresh
 * process of its own (so peak RSS and JIT state belong to that client alone), one after the other,
 * and prints each figure as a ratio to raw undici measured in the same run.
 */

const CLIENTS: readonly ClientName[] = ['raw-undici', 'conduit', 'conduit+interceptors', 'sdk'];
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
  const results: WireResult[] = [];
  try {
    for (const wire of WIRES) {
      const figures = new Map<ClientName, ClientFigures>();
      for (const client of CLIENTS) {
        process.stderr.write(`bench: ${wire} / ${client}...\n`);
        figures.set(
          client,
          JSON.parse(await runChild('run-client.js', [client, wire, server.url])) as ClientFigures,
        );
      }
      results.push({ wire, figures });
    }
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
