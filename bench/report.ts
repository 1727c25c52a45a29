import type { BenchWire } from './bench-client.types';
import type { ClientName } from './run-client';
import type { ClientFigures } from './workloads';

/** Every client's figures on one wire. */
export interface WireResult {
  readonly wire: BenchWire;
  readonly figures: ReadonlyMap<ClientName, ClientFigures>;
}

/** A figure, its ratio to raw undici, and whether higher is better. */
interface Column {
  readonly title: string;
  readonly value: (f: ClientFigures) => number;
  readonly digits: number;
  /** The nestjs-conduit target as a ratio to raw undici, if the issue sets one. */
  readonly target?: { readonly ratio: number; readonly higherIsBetter: boolean };
}

const COLUMNS: readonly Column[] = [
  {
    title: 'W1 CPU µs/call',
    value: (f) => f.w1CpuUsPerCall,
    digits: 0,
    target: { ratio: 1.3, higherIsBetter: false },
  },
  { title: 'W1 calls/s', value: (f) => f.w1CallsPerSec, digits: 0 },
  {
    title: 'W2 calls/s',
    value: (f) => f.w2CallsPerSec,
    digits: 0,
    target: { ratio: 0.8, higherIsBetter: true },
  },
  {
    title: 'W3 deltas/s',
    value: (f) => f.w3DeltasPerSec,
    digits: 0,
    target: { ratio: 0.8, higherIsBetter: true },
  },
  {
    title: 'W4 TTFD mean ms',
    value: (f) => f.w4MeanMs,
    digits: 2,
    target: { ratio: 1.2, higherIsBetter: false },
  },
  { title: 'W4 p90 ms', value: (f) => f.w4P90Ms, digits: 2 },
  {
    title: 'W5 peak RSS MB',
    value: (f) => f.w5PeakRssMb,
    digits: 0,
    target: { ratio: 1.3, higherIsBetter: false },
  },
  { title: '1 MB collected ms', value: (f) => f.collect1MbMs, digits: 1 },
];

const LABELS: Readonly<Record<ClientName, string>> = {
  'raw-undici': 'raw undici (floor)',
  conduit: 'nestjs-conduit ChatService',
  'conduit+interceptors': 'nestjs-conduit + retry, logging, cost',
  'conduit+fallback': 'nestjs-conduit, fallback chain (first model healthy)',
  sdk: 'official SDK',
};

function cell(
  column: Column,
  figures: ClientFigures,
  floor: ClientFigures,
  isConduit: boolean,
): string {
  const value = column.value(figures);
  const ratio = value / column.value(floor);
  let mark = '';
  if (isConduit && column.target !== undefined) {
    const { ratio: target, higherIsBetter } = column.target;
    mark = (higherIsBetter ? ratio >= target : ratio <= target) ? ' ✓' : ' ✗';
  }
  return `${value.toFixed(column.digits)} (${ratio.toFixed(2)}x${mark})`;
}

/** The Markdown tables `npm run bench` prints: one per wire, then the chain cost. */
export function formatReport(
  results: readonly WireResult[],
  cost: { perCallUs: number; perInterceptorUs: number },
): string {
  const lines: string[] = [];
  for (const { wire, figures } of results) {
    const floor = figures.get('raw-undici')!;
    lines.push(
      '',
      `### ${wire} wire (ratio to raw undici in parentheses; ✓/✗ = nestjs-conduit target)`,
      '',
    );
    lines.push(`| client | ${COLUMNS.map((c) => c.title).join(' | ')} |`);
    lines.push(`| --- |${COLUMNS.map(() => ' ---: |').join('')}`);
    for (const [name, f] of figures) {
      const isConduit = name.startsWith('conduit');
      const label =
        name === 'sdk'
          ? wire === 'openai'
            ? '`openai` SDK'
            : '`@anthropic-ai/sdk`'
          : LABELS[name];
      lines.push(`| ${label} | ${COLUMNS.map((c) => cell(c, f, floor, isConduit)).join(' | ')} |`);
    }
  }
  lines.push(
    '',
    `Interceptor chain: one pass-through interceptor adds ${cost.perInterceptorUs.toFixed(1)} µs CPU a call ` +
      `(ChatService.chat on an in-memory model: ${cost.perCallUs.toFixed(1)} µs a call without interceptors).`,
    '',
  );
  return lines.join('\n');
}
