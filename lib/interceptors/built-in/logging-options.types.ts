import type { LoggerService } from '@nestjs/common';

/** Options of `LoggingInterceptor`. */
export interface LoggingInterceptorOptions {
  /**
   * Where lines go. Default `new Logger('Conduit')`, which follows the app's logger (`app.useLogger`,
   * nestjs-pino...).
   */
  readonly logger?: LoggerService;
  /** Level of the line of a successful or cancelled call; failures log at `error`. Default `log`. */
  readonly level?: 'log' | 'debug' | 'verbose';
  /**
   * Add the request messages and the answer text to the line. Default `false`: contents are
   * personal data and stay out of logs unless you decide otherwise.
   */
  readonly logMessages?: boolean;
  /**
   * `object`: the line is a plain object (structured loggers such as pino log its fields);
   * `json`: the same as one JSON string (one line in the default console logger). Default `object`.
   */
  readonly format?: 'object' | 'json';
  /** Clock in ms for durations. Default `Date.now`. */
  readonly now?: () => number;
}

/** The line `LoggingInterceptor` writes for one call. */
export interface CallLogLine {
  readonly event: 'conduit.call';
  readonly kind: string;
  readonly alias: string;
  readonly provider?: string;
  readonly model?: string;
  /** The deployment that answered, when the alias is a pool of deployments (never a key). */
  readonly deployment?: string;
  readonly outcome: 'ok' | 'error' | 'cancelled';
  readonly durationMs: number;
  readonly inputTokens?: number;
  readonly outputTokens?: number;
  readonly totalTokens?: number;
  readonly finishReason?: string;
  /** Attempts beyond the first made by `RetryInterceptor`. */
  readonly retries: number;
  /** Answered by `ResponseCacheInterceptor`. */
  readonly cached?: boolean;
  /** Cost recorded by `CostTrackingInterceptor`, in US dollars. */
  readonly costUsd?: number;
  readonly error?: { readonly name: string; readonly message: string };
  /** Only with `logMessages`. */
  readonly messages?: unknown;
  /** Only with `logMessages`: the answer text (streams: the text received). */
  readonly output?: string;
}
