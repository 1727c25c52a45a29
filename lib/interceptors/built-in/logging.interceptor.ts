import { Inject, Injectable, Logger, Optional, type LoggerService } from '@nestjs/common';
import { defer, finalize, Observable, tap } from 'rxjs';
import type {
  CallHandler,
  CallOutput,
  ChatResponse,
  ConduitCallContext,
  ConduitInterceptor,
} from '../../core';
import { LOGGING_INTERCEPTOR_OPTIONS } from './built-in-options.tokens';
import { emptyOutcome, recordOutput, type CallOutcome } from './call-outcome';
import { ConduitMetadataKeys } from './conduit-metadata.keys';
import type { CostRecord } from './cost.types';
import type { CallLogLine, LoggingInterceptorOptions } from './logging-options.types';
import { redactDeep, redactSecrets } from './redact-secrets';

/**
 * Writes one structured line per call through Nest's `Logger` (so the app's logger, pino or
 * other, takes over): kind, alias, provider and model, outcome, duration, tokens, finish reason,
 * retries, cache hit and cost when those interceptors ran inside this one. Failures are logged at
 * `error` with the error's name and message.
 *
 * Secrets never appear: request headers are never logged, and credential-looking strings (API
 * keys, bearer tokens) are masked in error messages and contents. Message contents are logged only
 * with `logMessages: true`.
 *
 * Register it outermost (first global interceptor) so that the duration covers retries and the
 * line sees what the inner interceptors noted.
 *
 * Options (defaults): `logger` `new Logger('Conduit')`, `level` `log`, `logMessages` false,
 * `format` `object`, `now` `Date.now`.
 *
 * @example
 * interceptors: [new LoggingInterceptor({ level: 'debug' }), RetryInterceptor]
 */
@Injectable()
export class LoggingInterceptor implements ConduitInterceptor {
  protected readonly logger: LoggerService;
  protected readonly now: () => number;

  constructor(
    @Optional()
    @Inject(LOGGING_INTERCEPTOR_OPTIONS)
    protected readonly options: LoggingInterceptorOptions = {},
  ) {
    this.logger = options.logger ?? new Logger('Conduit');
    this.now = options.now ?? Date.now;
  }

  intercept(context: ConduitCallContext, next: CallHandler): Observable<CallOutput> {
    return defer(() => {
      const startedAt = this.now();
      const outcome = emptyOutcome();
      let answerText: string | undefined;
      let ending: { outcome: CallLogLine['outcome']; error?: unknown } = { outcome: 'cancelled' };
      return next.handle().pipe(
        tap({
          next: (value) => {
            recordOutput(context.kind, value, outcome);
            if (context.kind === 'chat') answerText = (value as ChatResponse).text;
          },
          complete: () => (ending = { outcome: 'ok' }),
          error: (error: unknown) => (ending = { outcome: 'error', error }),
        }),
        finalize(() => {
          const line = this.lineOf(context, outcome, ending, this.now() - startedAt, answerText);
          this.write(line);
        }),
      );
    });
  }

  /** Builds the line of one call. Override to add fields of your own. */
  protected lineOf(
    context: ConduitCallContext,
    outcome: CallOutcome,
    ending: { outcome: CallLogLine['outcome']; error?: unknown },
    durationMs: number,
    answerText: string | undefined,
  ): CallLogLine {
    const attempts = context.metadata.get(ConduitMetadataKeys.retryAttempts);
    const cached = context.metadata.get(ConduitMetadataKeys.cacheHit);
    const cost = context.metadata.get(ConduitMetadataKeys.cost) as CostRecord | undefined;
    const usage = outcome.usage;
    const error = ending.error;
    return {
      event: 'conduit.call',
      kind: context.kind,
      alias: context.alias,
      ...(context.modelInfo === undefined
        ? {}
        : { provider: context.modelInfo.provider, model: context.modelInfo.modelId }),
      outcome: ending.outcome,
      durationMs,
      ...(usage === undefined
        ? {}
        : {
            inputTokens: usage.inputTokens,
            outputTokens: usage.outputTokens,
            totalTokens: usage.totalTokens,
          }),
      ...(outcome.finishReason === undefined ? {} : { finishReason: outcome.finishReason }),
      retries: typeof attempts === 'number' ? Math.max(0, attempts - 1) : 0,
      ...(typeof cached === 'boolean' ? { cached } : {}),
      ...(cost === undefined ? {} : { costUsd: cost.cost.totalUsd }),
      ...(error === undefined
        ? {}
        : {
            error: {
              name: error instanceof Error ? error.name : typeof error,
              message: redactSecrets(
                error instanceof Error ? error.message : describeThrown(error),
              ),
            },
          }),
      ...(this.options.logMessages === true ? this.contents(context, outcome, answerText) : {}),
    };
  }

  private contents(
    context: ConduitCallContext,
    outcome: CallOutcome,
    answerText: string | undefined,
  ): Pick<CallLogLine, 'messages' | 'output'> {
    const messages =
      context.kind === 'chat' || context.kind === 'stream'
        ? context.request.messages
        : context.kind === 'embed'
          ? context.request.texts
          : context.toolCall.arguments;
    const output = context.kind === 'stream' ? outcome.streamedText : answerText;
    return {
      messages: redactDeep(messages),
      ...(output === undefined ? {} : { output: redactSecrets(output) }),
    };
  }

  private write(line: CallLogLine): void {
    const message = this.options.format === 'json' ? JSON.stringify(line) : line;
    if (line.outcome === 'error') {
      this.logger.error(message);
      return;
    }
    const level = this.options.level ?? 'log';
    if (level === 'log') this.logger.log(message);
    else this.logger[level]?.(message);
  }
}

/** Text of a thrown non-Error value. */
function describeThrown(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return typeof value;
  }
}
