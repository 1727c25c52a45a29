/** The signal of one agent run and how to end it. */
export interface RunSignal {
  readonly signal: AbortSignal;
  abort(reason: unknown): void;
  /** Detaches from the caller's signal; call it when the run settles. */
  dispose(): void;
}

/**
 * A signal for one run that fires when the caller's does (with its reason) or when the run is
 * torn down (an unsubscribed stream). Listeners are removed on `dispose()` so that a long-lived
 * caller signal does not collect one listener per run.
 */
export function createRunSignal(caller: AbortSignal | undefined): RunSignal {
  const controller = new AbortController();
  const onCallerAbort = (): void => controller.abort(caller?.reason);
  if (caller?.aborted === true) controller.abort(caller.reason);
  else caller?.addEventListener('abort', onCallerAbort, { once: true });
  return {
    signal: controller.signal,
    abort: (reason) => {
      if (!controller.signal.aborted) controller.abort(reason);
    },
    dispose: () => caller?.removeEventListener('abort', onCallerAbort),
  };
}
