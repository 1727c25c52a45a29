import { Agent } from 'undici';

/**
 * How long the server may stay silent (before the headers, or between two body chunks). Reasoning
 * models can think for minutes before the first byte, so this is generous; callers set their own
 * shorter deadlines with an AbortSignal.
 */
export const HTTP_IDLE_TIMEOUT_MS = 10 * 60_000;

let agent: Agent | undefined;
/** Requests on the shared pool not finished yet (bodies included). */
let inFlight = 0;
let idleWaiters: (() => void)[] = [];

/**
 * One undici Agent for the process: it keeps one keep-alive Pool per origin. Created on first use,
 * and again after `closeSharedHttpPools()` closed the previous one.
 */
export function sharedAgent(): Agent {
  agent ??= new Agent({
    headersTimeout: HTTP_IDLE_TIMEOUT_MS,
    bodyTimeout: HTTP_IDLE_TIMEOUT_MS,
    keepAliveTimeout: 30_000,
  });
  return agent;
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
  const closing = agent;
  if (closing === undefined) return;
  agent = undefined;
  if (options.mode !== 'abort') {
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<void>((resolve) => {
      if (options.drainTimeoutMs !== undefined) timer = setTimeout(resolve, options.drainTimeoutMs);
    });
    await Promise.race([whenIdle(), expired]);
    clearTimeout(timer);
    if (inFlight === 0) return closing.close();
  }
  // Fails what is still running with the reason and closes every socket.
  await closing.destroy(options.reason);
}

/** Counts one request on the shared pool; call the returned function once when it is over. */
export function trackSharedRequest(): () => void {
  inFlight++;
  let over = false;
  return () => {
    if (over) return;
    over = true;
    inFlight--;
    if (inFlight === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  };
}

function whenIdle(): Promise<void> {
  if (inFlight === 0) return Promise.resolve();
  return new Promise((resolve) => idleWaiters.push(resolve));
}
