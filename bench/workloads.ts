import type { AnswerShape, BenchClient } from './bench-client.types';

/** The figures one client process reports (see the README's Performance section). */
export interface ClientFigures {
  /** W1: client CPU (user + system) microseconds per sequential non-streamed call. */
  readonly w1CpuUsPerCall: number;
  /** W1: sequential calls a second. */
  readonly w1CallsPerSec: number;
  /** W2: calls a second with 64 in flight. */
  readonly w2CallsPerSec: number;
  /** W3: text deltas a second delivered to the subscriber (best of the runs). */
  readonly w3DeltasPerSec: number;
  /** W4: time to the first text delta, milliseconds. */
  readonly w4MeanMs: number;
  readonly w4P90Ms: number;
  /** A 1 MB answer streamed and collected into its text, milliseconds (best of the runs). */
  readonly collect1MbMs: number;
  /** W5: peak resident set size of the process, MB. */
  readonly w5PeakRssMb: number;
}

/**
 * The better of two measurements of one client, figure by figure: the machine's noise (other
 * processes on 2 shared vCPUs) only ever makes a run worse, so each figure keeps its best pass.
 */
export function bestFigures(a: ClientFigures, b: ClientFigures): ClientFigures {
  return {
    w1CpuUsPerCall: Math.min(a.w1CpuUsPerCall, b.w1CpuUsPerCall),
    w1CallsPerSec: Math.max(a.w1CallsPerSec, b.w1CallsPerSec),
    w2CallsPerSec: Math.max(a.w2CallsPerSec, b.w2CallsPerSec),
    w3DeltasPerSec: Math.max(a.w3DeltasPerSec, b.w3DeltasPerSec),
    w4MeanMs: Math.min(a.w4MeanMs, b.w4MeanMs),
    w4P90Ms: Math.min(a.w4P90Ms, b.w4P90Ms),
    collect1MbMs: Math.min(a.collect1MbMs, b.collect1MbMs),
    w5PeakRssMb: Math.min(a.w5PeakRssMb, b.w5PeakRssMb),
  };
}

/** The workload sizes; `quick` shrinks them for a smoke run. */
export interface WorkloadSizes {
  readonly w1Calls: number;
  readonly w2Calls: number;
  readonly w2InFlight: number;
  readonly w3Deltas: number;
  readonly w3Runs: number;
  readonly w4Calls: number;
  readonly collectRuns: number;
}

/** The sizes the issue asks for. */
export const FULL_SIZES: WorkloadSizes = {
  w1Calls: 2000,
  w2Calls: 5000,
  w2InFlight: 64,
  w3Deltas: 20_000,
  w3Runs: 5,
  w4Calls: 200,
  collectRuns: 3,
};

/** The calls and small streams every client runs before anything is measured. */
export const WARM_UP = { calls: 2000, streams: 1000 } as const;

/** A 1 MB answer: 16,384 deltas of 64 characters. */
const ONE_MB: AnswerShape = { deltas: 16_384, deltaBytes: 64 };
/** The small answer of W4: the first delta is in the first bytes the server sends. */
const SMALL_STREAM: AnswerShape = { deltas: 20, deltaBytes: 8 };

async function w1(client: BenchClient, calls: number): Promise<[number, number]> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < calls; i++) await client.chat();
  const elapsedMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return [(used.user + used.system) / calls, (calls * 1000) / elapsedMs];
}

async function w2(client: BenchClient, calls: number, inFlight: number): Promise<number> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < calls) {
      next++;
      await client.chat();
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: inFlight }, worker));
  return (calls * 1000) / (performance.now() - started);
}

async function w3(client: BenchClient, deltas: number, runs: number): Promise<number> {
  const rates: number[] = [];
  for (let run = 0; run < runs; run++) {
    let received = 0;
    const started = performance.now();
    await client.stream({ deltas, deltaBytes: 8 }, () => received++);
    const elapsedMs = performance.now() - started;
    if (received !== deltas) throw new Error(`W3: ${received} deltas arrived, ${deltas} were sent`);
    rates.push((received * 1000) / elapsedMs);
  }
  return Math.max(...rates);
}

async function w4(client: BenchClient, calls: number): Promise<[number, number]> {
  const times: number[] = [];
  for (let i = 0; i < calls; i++) {
    const started = performance.now();
    let first: number | undefined;
    await client.stream(SMALL_STREAM, () => (first ??= performance.now() - started));
    times.push(first!);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const mean = times.reduce((sum, t) => sum + t, 0) / times.length;
  return [mean, sorted[Math.floor(sorted.length * 0.9)]];
}

async function collect1Mb(client: BenchClient, runs: number): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const text = await client.collect(ONE_MB);
    times.push(performance.now() - started);
    if (text.length !== ONE_MB.deltas * ONE_MB.deltaBytes) throw new Error('1 MB: wrong length');
  }
  return Math.min(...times);
}

/** The best of `rounds` runs: the machine's noise (other processes) only ever makes a run worse. */
async function bestOf<T>(
  rounds: number,
  run: () => Promise<T>,
  better: (a: T, b: T) => T,
): Promise<T> {
  let best: T = await run();
  for (let round = 1; round < rounds; round++) {
    const next: T = await run();
    best = better(best, next);
  }
  return best;
}

const pairMin = (a: [number, number], b: [number, number]): [number, number] => [
  Math.min(a[0], b[0]),
  Math.min(a[1], b[1]),
];

/**
 * Warms the JIT and the pools (`WARM_UP`), then runs W1, W2, W3, W4 and the 1 MB collection in order, each
 * figure the best of a few rounds (W1 and W4 2, W2 2, W3 `w3Runs`).
 */
export async function runWorkloads(
  client: BenchClient,
  sizes: WorkloadSizes,
): Promise<ClientFigures> {
  // Steady state, not JIT warm-up: a few hundred calls leave every client's hot path half
  // optimized (raw undici's first 2,000 calls cost about 1.6x its later ones), so each client
  // first runs the same 2,000 calls and 1,000 small streams.
  for (let i = 0; i < WARM_UP.calls; i++) await client.chat();
  await client.stream({ deltas: 2000, deltaBytes: 8 }, () => undefined);
  for (let i = 0; i < WARM_UP.streams; i++) await client.stream(SMALL_STREAM, () => undefined);

  const [w1CpuUsPerCall, w1Elapsed] = await bestOf(
    2,
    async (): Promise<[number, number]> => {
      const [cpu, callsPerSec] = await w1(client, sizes.w1Calls);
      return [cpu, 1 / callsPerSec];
    },
    pairMin,
  );
  const w2CallsPerSec = await bestOf(
    2,
    () => w2(client, sizes.w2Calls, sizes.w2InFlight),
    Math.max,
  );
  const w3DeltasPerSec = await w3(client, sizes.w3Deltas, sizes.w3Runs);
  const [w4MeanMs, w4P90Ms] = await bestOf(2, () => w4(client, sizes.w4Calls), pairMin);
  const collect1MbMs = await collect1Mb(client, sizes.collectRuns);
  return {
    w1CpuUsPerCall,
    w1CallsPerSec: 1 / w1Elapsed,
    w2CallsPerSec,
    w3DeltasPerSec,
    w4MeanMs,
    w4P90Ms,
    collect1MbMs,
    // maxRSS is in kilobytes.
    w5PeakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}
