/**
 * What happens to calls still running when the application shuts down (`app.close()`, SIGTERM with
 * `enableShutdownHooks()`). Either way every keep-alive socket is closed before shutdown ends.
 */
export interface ConduitShutdownOptions {
  /**
   * `drain` (default): in-flight calls and streams run to their end, then the pools close.
   * `abort`: they fail at once with `AbortedError` and the pools close.
   */
  readonly mode?: 'drain' | 'abort';
  /** With `drain`, calls still running after this many milliseconds are aborted. Default 10 000. */
  readonly drainTimeoutMs?: number;
}

/**
 * The operations part of `ConduitModuleOptions` (its `shutdown` field), read by `ConduitShutdown`.
 * Kept in this folder so ops never imports the root options file.
 */
export interface ShutdownModuleOptions {
  /**
   * What `app.close()` does with calls still running (lib/ops): `{ mode: 'drain' }` (default) lets
   * them finish, `{ mode: 'abort' }` fails them with `AbortedError`; `drainTimeoutMs` (default
   * 10 000) bounds the drain. Every keep-alive socket is closed either way.
   */
  readonly shutdown?: ConduitShutdownOptions;
}

/** The drain deadline when none is configured: within a typical 30 s container grace period. */
export const DEFAULT_DRAIN_TIMEOUT_MS = 10_000;
