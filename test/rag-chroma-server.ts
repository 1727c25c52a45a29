import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A Chroma server for one test file: the one `.ci/run` started (CHROMA_URL) or a throwaway one. */
export interface ChromaServer {
  readonly url: string;
  stop(): Promise<void>;
}

const CLI = join(__dirname, '..', 'node_modules', 'chromadb', 'dist', 'cli.mjs');

/** Stops the server when this process goes away, even if Jest is killed before `afterAll`. */
const WATCHDOG = [
  'node "$CHROMA_CLI" run --path "$CHROMA_DATA" --host 127.0.0.1 --port "$CHROMA_PORT" & cs=$!',
  "trap 'kill $cs 2>/dev/null; wait $cs; exit 0' TERM INT",
  'while kill -0 "$OWNER_PID" 2>/dev/null && kill -0 $cs 2>/dev/null; do sleep 0.5; done',
  'kill $cs 2>/dev/null; wait $cs',
].join('\n');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

async function heartbeat(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/api/v2/heartbeat`)).ok;
  } catch {
    return false;
  }
}

/** Waits (polling the heartbeat, no fixed sleep) until the server answers, or fails with its log. */
async function waitUntilReady(child: ChildProcess, url: string, log: () => string): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt++) {
    if (child.exitCode !== null)
      throw new Error(`chroma exited with code ${child.exitCode}:\n${log()}`);
    if (await heartbeat(url)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`chroma did not answer on ${url} within 60 s:\n${log()}`);
}

/**
 * The Chroma server the tests use: `CHROMA_URL` when set (CI starts one), else `chroma run` from the
 * `chromadb` package on a free loopback port. Fails loudly, never skips, when it cannot start.
 */
export async function startChromaServer(): Promise<ChromaServer> {
  const given = process.env['CHROMA_URL'];
  if (given !== undefined && given !== '') {
    if (!(await heartbeat(given)))
      throw new Error(`CHROMA_URL=${given} does not answer /api/v2/heartbeat`);
    return { url: given, stop: () => Promise.resolve() };
  }
  const data = mkdtempSync(join(tmpdir(), 'conduit-chroma-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child = spawn('bash', ['-c', WATCHDOG, 'chroma-watchdog'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      CHROMA_CLI: CLI,
      CHROMA_DATA: data,
      CHROMA_PORT: String(port),
      OWNER_PID: String(process.pid),
    },
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    await waitUntilReady(child, url, () => output);
  } catch (error: unknown) {
    child.kill('SIGTERM');
    throw new Error(
      `Could not start a Chroma server (needs chromadb@3.0.9 and chromadb-js-bindings-linux-x64-gnu@1.0.1): ${(error as Error).message}`,
      { cause: error },
    );
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        const done = (): void => {
          rmSync(data, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null) return done();
        child.once('exit', done);
        child.kill('SIGTERM');
      }),
  };
}
