import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { CONDUIT_OPTIONS } from '../conduit.constants';
import { AbortedError } from '../core/errors/aborted.error';
import { closeSharedHttpPools } from '../providers/shared/http-client';
import type {
  ConduitShutdownOptions,
  ShutdownModuleOptions,
} from './conduit-shutdown-options.types';
import { InFlightCalls } from './in-flight-calls';
import { resolveShutdownOptions } from './validate-shutdown-options';

/** Conduit applications of this process that still use the shared HTTP pools. */
let liveApplications = 0;

/**
 * Shuts the application's model calls down with it. Before shutdown, this application's own calls
 * (`InFlightCalls`) drain (or are aborted with `AbortedError`, per the `shutdown` module option)
 * and new ones are refused; then the HTTP connection pools close, so no socket outlives
 * `app.close()`. The pools are shared by every Conduit application of the process: they close
 * when the last one shuts down, and reopen on the next request.
 */
@Injectable()
export class ConduitShutdown
  implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly settings: Required<ConduitShutdownOptions>;
  private registered = false;

  constructor(
    @Inject(CONDUIT_OPTIONS) options: ShutdownModuleOptions,
    private readonly inFlight: InFlightCalls,
  ) {
    this.settings = resolveShutdownOptions(options.shutdown);
  }

  /** Refuses new calls, then drains or aborts this application's running ones. */
  async beforeApplicationShutdown(): Promise<void> {
    this.inFlight.close();
    const reason = new AbortedError('The application is shutting down; the call was aborted.');
    if (this.settings.mode === 'drain') await this.inFlight.whenIdle(this.settings.drainTimeoutMs);
    // Abort mode, or what the drain deadline left running.
    this.inFlight.abortAll(reason);
  }

  /** Counts this application as a user of the shared pools. */
  onModuleInit(): void {
    if (this.registered) return;
    this.registered = true;
    liveApplications++;
  }

  /** Drains or aborts in-flight calls, then closes the pools if no other application uses them. */
  async onApplicationShutdown(): Promise<void> {
    if (!this.registered) return;
    this.registered = false;
    liveApplications--;
    if (liveApplications > 0) return;
    await closeSharedHttpPools({
      mode: this.settings.mode,
      drainTimeoutMs: this.settings.drainTimeoutMs,
      reason: new AbortedError('The application is shutting down; the call was aborted.'),
    });
  }
}
