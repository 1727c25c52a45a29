import { buildConnector, Pool } from 'undici';

/**
 * How long the server may stay silent (before the headers, or between two body chunks). Reasoning
 * models can think for minutes before the first byte, so this is generous; the overall deadline
 * of a call is the model's `timeoutMs` (or ChatService's), not this.
 */
export const HTTP_IDLE_TIMEOUT_MS = 10 * 60_000;

/**
 * The default cap on open connections to one origin (`maxConnections` in the model settings).
 * Provider APIs answer one request per HTTP/1.1 connection at a time, and a stream holds its socket
 * for the whole answer, so this is the number of calls in flight to one provider; further calls
 * wait in the pool's queue for a free connection instead of failing. Without a cap 10,000
 * concurrent calls opened 10,000 sockets and, under the common `ulimit -n` of 1024, failed with
 * EMFILE. 128 leaves most of such a limit to the application's own sockets and files, and is more
 * concurrent calls than one process usually gets through a provider's rate limits.
 */
export const HTTP_DEFAULT_MAX_CONNECTIONS = 128;

/** undici's default when the server announces no `Keep-Alive: timeout`; ours is a little longer. */
const KEEP_ALIVE_TIMEOUT_MS = 30_000;

/** The refusal of a connection no request needs (see OriginPool); undici drops it silently. */
class NoRequestWaitingError extends Error {
  readonly code = 'CONDUIT_NO_REQUEST_WAITING';

  constructor() {
    super('No request waits for this connection.');
  }
}

/** Requests on the shared pools not finished yet (bodies included), over every origin. */
let inFlight = 0;
let idleWaiters: (() => void)[] = [];

/**
 * One origin's keep-alive pool: at most `maxConnections` sockets, further requests queued, and no
 * socket dialled when no request waits for one.
 *
 * That last rule works around undici 7 (7.30.2 checked; nodejs/undici#5845, fix proposed in
 * #5846). Aborting a request mid-answer destroys its socket with an informational error
 * (`UND_ERR_INFO`). When that socket closes, the Client skips failing the head of its queue for
 * such errors, yet still moves its pending index back to the running one (`kPendingIdx =
 * kRunningIdx`): the aborted request counts as pending again, so `_resume` finds pending work and
 * no socket, and connects. Only once connected does it see `request.aborted` and drop it. Every
 * aborted stream thus left a new socket that never carried a request, idle until the keep-alive
 * timeout the server announced (up to 10 minutes) or `close()`: 2,000 aborted streams, 2,001
 * sockets.
 *
 * The pool therefore counts the requests dispatched to it that undici has not started and that
 * are not over; a connection attempt while that count is 0 is refused before a socket exists.
 * undici takes the refusal as a connection error of that one Client: the aborted requests it held
 * are dropped (their handlers are already done) and the pool forgets the Client. When requests do
 * wait (queued behind the cap) the attempt goes ahead and serves them.
 */
export class OriginPool {
  readonly dispatcher: Pool;
  /** True once `closeSharedHttpPools` closed it: clients then ask for a new pool. */
  closed = false;
  private waiting = 0;

  constructor(origin: string, maxConnections: number) {
    const connect = buildConnector({});
    this.dispatcher = new Pool(origin, {
      connections: maxConnections,
      headersTimeout: HTTP_IDLE_TIMEOUT_MS,
      bodyTimeout: HTTP_IDLE_TIMEOUT_MS,
      keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
      connect: (options, callback) => {
        if (this.waiting > 0) connect(options, callback);
        else callback(new NoRequestWaitingError(), null);
      },
    });
  }

  /** A request is about to be dispatched: it waits for a socket, and counts as in flight. */
  enter(): void {
    this.waiting++;
    inFlight++;
  }

  /** undici started the request (it has a socket), or it ended before: it no longer waits. */
  started(): void {
    this.waiting--;
  }

  /** The request is over, whatever the outcome (after `started`). */
  ended(): void {
    inFlight--;
    if (inFlight === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }
}

/** The shared pools by `${maxConnections} ${origin}`: models with different caps keep apart. */
let pools = new Map<string, OriginPool>();

/**
 * The process-wide keep-alive pool of `origin` for clients capped at `maxConnections`. Created on
 * first use, and again after `closeSharedHttpPools()` closed the previous one.
 */
export function sharedOriginPool(origin: string, maxConnections: number): OriginPool {
  const key = `${maxConnections} ${origin}`;
  let pool = pools.get(key);
  if (pool === undefined) {
    pool = new OriginPool(origin, maxConnections);
    pools.set(key, pool);
  }
  return pool;
}

/** How `closeSharedHttpPools` treats requests still in flight. */
export interface CloseHttpPoolsOptions {
  /**
   * `drain` (default): let in-flight requests finish (bodies included), then close the sockets.
   * `abort`: fail them at once with `reason` and close the sockets.
   */
  readonly mode?: 'drain' | 'abort';
  /** With `drain`, abort with `reason` whatever is still running after this long. */
  readonly drainTimeoutMs?: number;
  /** The error aborted requests fail with (the caller sees it as is when it is a ConduitError). */
  readonly reason: Error;
}

/**
 * Closes every keep-alive pool of the shared HTTP client, so no socket stays open (application
 * shutdown). The next request opens a new pool. Clients built with their own dispatcher are not
 * touched.
 */
export async function closeSharedHttpPools(options: CloseHttpPoolsOptions): Promise<void> {
  const closing = [...pools.values()];
  if (closing.length === 0) return;
  pools = new Map();
  for (const pool of closing) pool.closed = true;
  if (options.mode !== 'abort') {
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<void>((resolve) => {
      if (options.drainTimeoutMs !== undefined) timer = setTimeout(resolve, options.drainTimeoutMs);
    });
    await Promise.race([whenIdle(), expired]);
    clearTimeout(timer);
  }
  // Fails what is still running with the reason and closes every socket. With nothing of ours in
  // flight (drained), destroy() only closes idle sockets, as close() would; close() itself is not
  // used because it waits for undici's own queue, where a request aborted mid-flight can stay
  // pending forever (docs/upstream/undici-aborted-request-reconnect.md) and hang app.close().
  await Promise.all(closing.map((pool) => pool.dispatcher.destroy(options.reason)));
}

function whenIdle(): Promise<void> {
  if (inFlight === 0) return Promise.resolve();
  return new Promise((resolve) => idleWaiters.push(resolve));
}
