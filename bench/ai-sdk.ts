import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpus, loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { measureAdapterMapping, type AdapterMappingFigures } from './ai-sdk-mapping';
import type { BenchClient } from './bench-client.types';
import { startAiSdkConduitClient } from './clients/ai-sdk-conduit.client';
import { AiSdkDirectClient } from './clients/ai-sdk-direct.client';
import { ConduitClient } from './clients/conduit.client';
import { bestFigures, FULL_SIZES, runWorkloads, type ClientFigures } from './workloads';

/**
 * `npm run bench:ai-sdk`: what `fromAiSdk` costs. The same fake OpenAI upstream as
 * `bench/overhead.ts` (its own process), the same workloads, three clients each in a fresh process:
 * - `conduit (native)`: ChatService over our OpenAIChatModel;
 * - `conduit + fromAiSdk`: ChatService over `fromAiSdk(@ai-sdk/openai-compatible model)`;
 * - `AI SDK provider alone`: that AI SDK model's `doGenerate` / `doStream` called directly.
 * The second minus the third is what the adapter and ChatService add on top of the AI SDK
 * provider; the second minus the first is what choosing the adapter costs over the native model.
 * Each client keeps its best figures over `BENCH_PASSES` passes (default 2). Last, the adapter's
 * own mapping is timed alone over an in-memory model (no HTTP), the figure least moved by load.
 */

const CLIENTS = ['conduit (native)', 'conduit + fromAiSdk', 'AI SDK provider alone'] as const;
type Client = (typeof CLIENTS)[number];
const PASSES = Math.max(1, Number(process.env['BENCH_PASSES'] ?? 2));

async function createClient(name: Client, baseUrl: string): Promise<BenchClient> {
  switch (name) {
    case 'conduit (native)':
      return ConduitClient.create('openai', baseUrl, false);
    case 'conduit + fromAiSdk':
      return startAiSdkConduitClient(baseUrl);
    case 'AI SDK provider alone':
      return new AiSdkDirectClient(baseUrl);
  }
}

async function runChild<T = ClientFigures>(name: Client | 'mapping', url: string): Promise<T> {
  const child = spawn(process.execPath, [__filename, 'child', name, url], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const [code] = (await once(child, 'close')) as [number | null];
  if (code !== 0) throw new Error(`bench:ai-sdk child ${name} exited with ${code}`);
  return JSON.parse(output.trim().split('\n').pop() ?? '{}') as T;
}

async function startServer(): Promise<{ url: string; stop: () => void }> {
  const server = spawn(process.execPath, [`${__dirname}/fake-provider-server.js`], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const [line] = (await once(createInterface({ input: server.stdout }), 'line')) as [string];
  const { port } = JSON.parse(line) as { port: number };
  return { url: `http://127.0.0.1:${port}`, stop: () => server.stdin.end() };
}

const fixed = (value: number, digits = 0): string => value.toFixed(digits);

function report(
  figures: ReadonlyMap<Client, ClientFigures>,
  mapping: AdapterMappingFigures,
): string {
  const rows = CLIENTS.map((name) => {
    const f = figures.get(name)!;
    return `| ${name} | ${fixed(f.w1CpuUsPerCall)} | ${fixed(f.w1CallsPerSec)} | ${fixed(f.w2CallsPerSec)} | ${fixed(f.w3DeltasPerSec)} | ${fixed(f.w4MeanMs, 2)} | ${fixed(f.collect1MbMs)} | ${fixed(f.w5PeakRssMb)} |`;
  });
  const native = figures.get('conduit (native)')!;
  const adapted = figures.get('conduit + fromAiSdk')!;
  const alone = figures.get('AI SDK provider alone')!;
  return [
    `bench:ai-sdk, ${PASSES} pass(es), best figures; ${cpus().length} CPUs, load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
    '',
    '| client | W1 CPU µs/call | W1 calls/s | W2 calls/s (64 in flight) | W3 deltas/s | W4 first delta ms | 1 MB collect ms | peak RSS MB |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    `fromAiSdk vs native, CPU per non-streamed call: ${fixed(adapted.w1CpuUsPerCall - native.w1CpuUsPerCall)} µs more (${fixed(adapted.w1CpuUsPerCall / native.w1CpuUsPerCall, 2)}x)`,
    `adapter + ChatService over the AI SDK provider alone: ${fixed(adapted.w1CpuUsPerCall - alone.w1CpuUsPerCall)} µs per call`,
    `the adapter's own mapping (in-memory V3 model, no HTTP): ${fixed(mapping.chatCpuUs, 1)} µs CPU per chat call, ${fixed(mapping.stream20CpuUs, 1)} µs per 20-delta stream`,
    '',
  ].join('\n');
}

async function child(name: Client | 'mapping', url: string): Promise<void> {
  if (name === 'mapping') {
    process.stdout.write(`${JSON.stringify(await measureAdapterMapping())}\n`);
    return;
  }
  const client = await createClient(name, url);
  const figures = await runWorkloads(client, FULL_SIZES);
  await client.close();
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

async function main(): Promise<void> {
  const server = await startServer();
  const figures = new Map<Client, ClientFigures>();
  try {
    for (let pass = 1; pass <= PASSES; pass++) {
      for (const name of CLIENTS) {
        process.stderr.write(`bench:ai-sdk: pass ${pass}/${PASSES}, ${name}...\n`);
        const measured = await runChild(name, server.url);
        const best = figures.get(name);
        figures.set(name, best === undefined ? measured : bestFigures(best, measured));
      }
    }
    process.stderr.write('bench:ai-sdk: the adapter mapping alone...\n');
    const mapping = await runChild<AdapterMappingFigures>('mapping', server.url);
    process.stdout.write(report(figures, mapping));
  } finally {
    server.stop();
  }
}

const [mode, name, url] = process.argv.slice(2);
(mode === 'child' ? child(name as Client | 'mapping', url ?? '') : main()).catch(
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
