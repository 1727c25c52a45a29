import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/** A PostgreSQL server with pgvector for one test file (or one bench run). */
export interface PostgresServer {
  /** `postgresql://postgres@127.0.0.1:<port>/postgres`, or `PG_URL` when that was set. */
  readonly url: string;
  /** Stops the server and removes its data directory (nothing when `PG_URL` was used). */
  stop(): Promise<void>;
}

/** Options of `startPostgresServer`. */
export interface StartPostgresServerOptions {
  /**
   * Keep fsync and synchronous commits on (default false: a throwaway test cluster loses nothing
   * worth keeping in a crash, and fsync=off makes its many small transactions cheap). The bench
   * turns it on so that its insert figures are those of a real server.
   */
  readonly durable?: boolean;
  /** Extra `-c name=value` server settings, e.g. `{ maintenance_work_mem: '1GB' }`. */
  readonly settings?: Readonly<Record<string, string>>;
  /** The directory of `initdb` and `postgres`. Default `PG_BINDIR`, else the newest Debian one. */
  readonly binDirectory?: string;
}

const INSTALL_HINT =
  'PostgreSQL 15 with pgvector is needed for the PgVectorStore tests. Install and build it with\n' +
  '  apt-get install -y --no-install-recommends postgresql-15 postgresql-server-dev-15 make gcc\n' +
  '  t=$(mktemp -d) && tar -xzf ../shared/vendor/pgvector-0.8.6.tar.gz -C "$t"\n' +
  '  make -C "$t/pgvector-0.8.6" OPTFLAGS="" && make -C "$t/pgvector-0.8.6" install\n' +
  '(.ci/run does this), or set PG_URL to a running server that has the vector extension.';

/**
 * Runs `postgres` in the foreground under a small bash watchdog that stops it (fast shutdown) and
 * removes the data directory when this process goes away, even when Jest is killed before
 * `afterAll`. The watchdog runs as the cluster's owner, which may not signal a root-owned test
 * process, so it watches /proc instead of `kill -0`.
 */
const WATCHDOG = [
  '"$PG_BIN/postgres" "$@" & pg=$!',
  'cleanup() { kill -INT $pg 2>/dev/null; wait $pg; rm -rf "$PG_DATA"; }',
  "trap 'cleanup; exit 0' TERM INT",
  'while [ -d "/proc/$OWNER_PID" ] && kill -0 $pg 2>/dev/null; do sleep 0.5; done',
  'cleanup',
].join('\n');

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

/** The server binaries: `PG_BINDIR`, else the newest /usr/lib/postgresql/<n>/bin (Debian). */
function binDirectory(): string {
  const fromEnv = process.env['PG_BINDIR'];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((name) => /^\d+$/.test(name) && existsSync(join(root, name, 'bin', 'postgres')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0)
    throw new Error(`no PostgreSQL server found in ${root}.\n${INSTALL_HINT}`);
  return join(root, versions[0], 'bin');
}

/** initdb and postgres refuse to run as root: as root, the cluster belongs to `postgres`. */
function clusterOwner(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string): number => {
    const result = spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
    if (result.status !== 0)
      throw new Error(`running as root and there is no "postgres" user.\n${INSTALL_HINT}`);
    return Number(result.stdout.trim());
  };
  return { uid: id('-u'), gid: id('-g') };
}

/** `initdb` in a new temp directory owned by `owner`; returns the directory. */
function initCluster(bin: string, owner: { uid: number; gid: number } | undefined): string {
  const data = mkdtempSync(join(tmpdir(), 'conduit-pg-'));
  if (owner !== undefined) chownSync(data, owner.uid, owner.gid);
  const initdb = spawnSync(
    join(bin, 'initdb'),
    ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync'],
    { encoding: 'utf8', ...(owner ?? {}) },
  );
  if (initdb.error !== undefined || initdb.status !== 0) {
    rmSync(data, { recursive: true, force: true });
    throw new Error(
      `initdb failed (${String(initdb.error ?? initdb.status)}):\n${initdb.stderr}\n${INSTALL_HINT}`,
    );
  }
  return data;
}

function waitUntilReady(child: ChildProcess, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => fail(new Error(`postgres on port ${port} did not start in 30 s:\n${output}`)),
      30_000,
    );
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes('database system is ready to accept connections')) finish();
    };
    const onExit = (code: number | null): void =>
      fail(new Error(`postgres exited with code ${String(code)} before it was ready:\n${output}`));
    const cleanup = (): void => {
      clearTimeout(timer);
      child.stderr?.off('data', onData);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
    };
    const finish = (): void => {
      cleanup();
      resolve();
    };
    const fail = (error: Error): void => {
      cleanup();
      reject(error);
    };
    child.stderr?.on('data', onData);
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
  });
}

/** Creates the vector extension, failing with the build instructions when pgvector is missing. */
async function createVectorExtension(url: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS vector');
  } catch (error: unknown) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`CREATE EXTENSION vector failed on ${url}: ${message}\n${INSTALL_HINT}`, {
      cause: error,
    });
  } finally {
    await client.end();
  }
}

/**
 * The PostgreSQL server the tests use: `PG_URL` when set, else a throwaway cluster (initdb in a
 * temp directory, `postgres` on a free loopback port, sockets in /tmp) with the vector extension
 * created. Fails loudly, never skips, when PostgreSQL or pgvector is missing.
 */
export async function startPostgresServer(
  options: StartPostgresServerOptions = {},
): Promise<PostgresServer> {
  const external = process.env['PG_URL'];
  if (external !== undefined && external !== '') {
    await createVectorExtension(external);
    return { url: external, stop: () => Promise.resolve() };
  }
  const bin = options.binDirectory ?? binDirectory();
  if (!existsSync(join(bin, 'postgres')))
    throw new Error(`no PostgreSQL server in ${bin}.\n${INSTALL_HINT}`);
  const owner = clusterOwner();
  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: '/tmp',
    ...(options.durable === true
      ? {}
      : { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' }),
    ...options.settings,
  };
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    // A fresh cluster for each attempt: the watchdog of a failed one removes its directory.
    const data = initCluster(bin, owner);
    const port = await freePort();
    const args = ['-D', data, '-p', String(port)];
    for (const [name, value] of Object.entries(settings)) args.push('-c', `${name}=${value}`);
    const child = spawn('bash', ['-c', WATCHDOG, 'postgres-watchdog', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PG_BIN: bin, PG_DATA: data, OWNER_PID: String(process.pid) },
      ...(owner ?? {}),
    });
    const stop = (): Promise<void> =>
      new Promise<void>((resolve) => {
        const removeData = (): void => {
          rmSync(data, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null || child.signalCode !== null) return removeData();
        child.once('exit', removeData);
        child.kill('SIGTERM');
      });
    try {
      await waitUntilReady(child, port);
    } catch (error: unknown) {
      // Most likely the port was taken between freePort() and the bind: try another one.
      lastError = error;
      child.kill('SIGTERM');
      continue;
    }
    const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
    try {
      await createVectorExtension(url);
    } catch (error: unknown) {
      await stop();
      throw error;
    }
    return { url, stop };
  }
  throw lastError instanceof Error ? lastError : new Error(String(lastError));
}
