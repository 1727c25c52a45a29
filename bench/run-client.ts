import { AnthropicSdkClient } from './clients/anthropic-sdk.client';
import { ConduitClient } from './clients/conduit.client';
import { OpenAISdkClient } from './clients/openai-sdk.client';
import { RawUndiciClient } from './clients/raw-undici.client';
import type { BenchClient, BenchWire } from './bench-client.types';
import { measureInterceptorCost } from './interceptor-cost';
import { FULL_SIZES, runWorkloads } from './workloads';

/** The clients `bench/overhead.ts` can start, each in its own process. */
export type ClientName =
  'raw-undici' | 'conduit' | 'conduit+interceptors' | 'conduit+fallback' | 'sdk';

async function createClient(
  name: ClientName,
  wire: BenchWire,
  baseUrl: string,
): Promise<BenchClient> {
  switch (name) {
    case 'raw-undici':
      return new RawUndiciClient(wire, baseUrl);
    case 'conduit':
      return ConduitClient.create(wire, baseUrl, false);
    case 'conduit+interceptors':
      return ConduitClient.create(wire, baseUrl, true);
    case 'conduit+fallback':
      return ConduitClient.create(wire, baseUrl, false, true);
    case 'sdk':
      return wire === 'openai' ? new OpenAISdkClient(baseUrl) : new AnthropicSdkClient(baseUrl);
  }
}

/** Child process entry: `run-client.js <client> <wire> <baseUrl>` or `run-client.js interceptor-cost`. */
async function main(): Promise<void> {
  const [name, wire, baseUrl] = process.argv.slice(2);
  if (name === 'interceptor-cost') {
    process.stdout.write(`${JSON.stringify(await measureInterceptorCost())}\n`);
    return;
  }
  const client = await createClient(name as ClientName, wire as BenchWire, baseUrl);
  const figures = await runWorkloads(client, FULL_SIZES);
  await client.close();
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
