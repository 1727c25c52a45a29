import { Inject, Injectable, Logger, Optional, type LoggerService } from '@nestjs/common';
import type { Observable } from 'rxjs';
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
import { watchCall, type CallEnding } from './watch-call';
import { redactSecrets, redactValue as redactDeep } from '../../core/redact-secrets';

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
  /** The clock (ms since the epoch); injectable for tests. */
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
    return watchCall(next, () => {
      const startedAt = this.now();
      const outcome = emptyOutcome();
      let answerText: string | undefined;
      return {
        value: (value) => {
          recordOutput(context.kind, value, outcome);
          if (context.kind === 'chat') answerText = (value as ChatResponse).text;
        },
        // After the inner interceptors' endings: the cost interceptor's record is in the metadata.
        end: (ending) => {
          const durationMs = this.now() - startedAt;
          this.write(
            this.lineOf(context, outcome, logged(ending, context), durationMs, answerText),
          );
        },
      };
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
    // Filled in field order (the JSON line keeps it) by assignment: optional fields spread into
    // the middle of a literal make V8 build the object the slow way, on every call.
    const line: { -readonly [K in keyof CallLogLine]?: CallLogLine[K] } = {
      event: 'conduit.call',
      kind: context.kind,
      alias: context.alias,
    };
    if (context.modelInfo !== undefined) {
      line.provider = context.modelInfo.provider;
      line.model = context.modelInfo.modelId;
    }
    if (outcome.deployment !== undefined) line.deployment = outcome.deployment;
    line.outcome = ending.outcome;
    line.durationMs = durationMs;
    if (usage !== undefined) {
      line.inputTokens = usage.inputTokens;
      line.outputTokens = usage.outputTokens;
      line.totalTokens = usage.totalTokens;
    }
    if (outcome.finishReason !== undefined) line.finishReason = outcome.finishReason;
    line.retries = typeof attempts === 'number' ? Math.max(0, attempts - 1) : 0;
    if (typeof cached === 'boolean') line.cached = cached;
    if (cost !== undefined) line.costUsd = cost.cost.totalUsd;
    if (error !== undefined) {
      line.error = {
        name: error instanceof Error ? error.name : typeof error,
        message: redactSecrets(error instanceof Error ? error.message : describeThrown(error)),
      };
    }
    if (this.options.logMessages === true) {
      Object.assign(line, this.contents(context, outcome, answerText));
    }
    return line as CallLogLine;
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

/**
 * The ending as the log line says it. A call torn down because its own timeout or the caller's
 * signal fired is an error saying why, not a client that went away.
 */
function logged(
  ending: CallEnding,
  context: ConduitCallContext,
): { outcome: CallLogLine['outcome']; error?: unknown } {
  if (ending.outcome === 'complete') return { outcome: 'ok' };
  if (ending.outcome === 'error') return ending;
  return context.signal.aborted
    ? { outcome: 'error', error: context.signal.reason }
    : { outcome: 'cancelled' };
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
