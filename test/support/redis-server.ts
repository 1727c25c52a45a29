import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** A throwaway redis-server for one test file. */
export interface RedisServer {
  readonly port: number;
  readonly url: string;
  stop(): Promise<void>;
}

const INSTALL_HINT =
  'redis-server is not installed. The Redis tests run against a real server: install it with\n' +
  '  apt-get update && apt-get install -y redis-server\n' +
  '(.ci/run installs it for CI).';

/** A TCP port that was free a moment ago on 127.0.0.1. */
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

function waitUntilReady(child: ChildProcess, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => fail(new Error(`redis-server on port ${port} did not start in 10 s:\n${output}`)),
      10_000,
    );
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) done();
    };
    const onExit = (code: number | null): void =>
      fail(
        new Error(`redis-server exited with code ${String(code)} before it was ready:\n${output}`),
      );
    const cleanup = (): void => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
    };
    const done = (): void => {
      cleanup();
      resolve();
    };
    const fail = (error: Error): void => {
      cleanup();
      reject(error);
    };
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
  });
}

/** Options of `startRedisServer`. */
export interface StartRedisServerOptions {
  /** The server binary. Default `redis-server` (from PATH). */
  readonly command?: string;
}

/**
 * Runs redis-server under a small bash watchdog that stops it when this process goes away, even
 * when Jest is killed before `afterAll` could run: no server is ever left behind.
 */
const WATCHDOG = [
  '"$REDIS_BIN" "$@" & rs=$!',
  "trap 'kill $rs 2>/dev/null; wait $rs; exit 0' TERM INT",
  'while kill -0 "$OWNER_PID" 2>/dev/null && kill -0 $rs 2>/dev/null; do sleep 0.5; done',
  'kill $rs 2>/dev/null; wait $rs',
].join('\n');

/**
 * Starts `redis-server` on a free loopback port with persistence off, and waits until it accepts
 * connections. Fails loudly (never skips) when redis-server is missing, naming the install command.
 */
export async function startRedisServer(
  options: StartRedisServerOptions = {},
): Promise<RedisServer> {
  const command = options.command ?? 'redis-server';
  const probe = spawnSync(command, ['--version'], { encoding: 'utf8' });
  if (probe.error !== undefined || probe.status !== 0) throw new Error(INSTALL_HINT);
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const args = [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
    ];
    const child = spawn('bash', ['-c', WATCHDOG, 'redis-watchdog', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, REDIS_BIN: command, OWNER_PID: String(process.pid) },
    });
    try {
      await waitUntilReady(child, port);
    } catch (error: unknown) {
      // Most likely the port was taken between freePort() and the bind: try another one.
      lastError = error;
      child.kill('SIGTERM');
      continue;
    }
    return {
      port,
      url: `redis://127.0.0.1:${port}`,
      stop: () =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    };
  }
  throw lastError instanceof Error ? lastError : new Error(String(lastError));
}
