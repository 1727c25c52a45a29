import { Logger, type LoggerService } from '@nestjs/common';
import { from, mergeMap, Observable, of } from 'rxjs';
import {
  GuardrailViolationError,
  type CallOutput,
  type ChatResponse,
  type ConduitCallContext,
  type ConduitCallHandler,
  type ConduitInterceptor,
  type GuardrailStage,
  type StreamEvent,
  type ToolCall,
  type ToolResult,
} from '../core';
import {
  DEFAULT_GUARDRAIL_CHUNK_SIZE,
  GUARDRAIL_BYPASS_METADATA_KEY,
  GUARDRAIL_METADATA_KEY,
} from './guardrail.constants';
import { GuardrailStats } from './guardrail-stats';
import type {
  GuardrailCheckContext,
  GuardrailDecision,
  GuardrailOptions,
  GuardrailRecord,
  MaybePromise,
  OutputGuardrailMode,
} from './guardrail.types';
import { guardStream } from './guard-stream';
import { guardMessages } from './guard-messages';
import { withAnswerText } from './with-answer-text';

/**
 * The machinery every guardrail shares: an injectable `ConduitInterceptor` that runs the
 * guardrail's checks at the stages it implements (`checkInput`, `checkOutput`, `checkToolCall`,
 * `checkToolResult`), applies their decisions (a block throws `GuardrailViolationError`, a
 * rewrite replaces the content) and records each one in `context.metadata`
 * (`GUARDRAIL_METADATA_KEY`), the counters (`stats`) and the log, never with the checked text.
 *
 * Extend `InputGuardrail`, `OutputGuardrail` or `ToolGuardrail` for a guardrail with one check;
 * extend this class to check at several stages (as `PiiRedactionGuardrail` does). Usable
 * wherever an interceptor is: `forRoot({ interceptors })` (global: model and tool calls),
 * `modelInterceptors`, `ChatOptions.interceptors`, an agent's `toolInterceptors`.
 */
export abstract class Guardrail implements ConduitInterceptor {
  /** The name in errors, logs and metadata. */
  readonly name: string;
  /** Counters of this guardrail's decisions (shared when `options.stats` was given). */
  readonly stats: GuardrailStats;
  /** How streamed answers are checked. */
  readonly mode: OutputGuardrailMode;
  protected readonly logger: LoggerService | undefined;

  constructor(protected readonly options: GuardrailOptions = {}) {
    this.name = options.name ?? new.target.name;
    this.stats = options.stats ?? new GuardrailStats();
    this.mode = options.mode ?? 'buffer';
    this.logger =
      options.logger === false ? undefined : (options.logger ?? new Logger('ConduitGuardrails'));
  }

  /** Checks a message's text before the model sees it (roles: `options.inputRoles`, default user). */
  protected checkInput?(
    text: string,
    context: GuardrailCheckContext,
  ): MaybePromise<GuardrailDecision>;
  /** Checks answer text: a whole answer, or one chunk of a stream in `chunked` mode. */
  protected checkOutput?(
    text: string,
    context: GuardrailCheckContext,
  ): MaybePromise<GuardrailDecision>;
  /** Checks a tool call's arguments before the tool runs; a rewrite replaces the arguments. */
  protected checkToolCall?(
    toolCall: ToolCall,
    context: GuardrailCheckContext,
  ): MaybePromise<GuardrailDecision<Record<string, unknown>>>;
  /** Checks a tool's result text before the model sees it. */
  protected checkToolResult?(
    content: string,
    context: GuardrailCheckContext,
  ): MaybePromise<GuardrailDecision>;

  intercept(context: ConduitCallContext, next: ConduitCallHandler): Observable<CallOutput> {
    if (context.metadata.get(GUARDRAIL_BYPASS_METADATA_KEY) === true) return next.handle();
    switch (context.kind) {
      case 'chat':
        return this.afterInput(context, next, (output) =>
          this.guardAnswer(context, output as ChatResponse),
        );
      case 'stream':
        return this.guardStreamCall(context, next);
      case 'tool':
        return this.guardTool(context, next);
      default:
        return next.handle();
    }
  }

  /**
   * Applies a decision: the text to use (the same, or rewritten), or a thrown
   * `GuardrailViolationError`. `enforce: false` (`after` mode) only notes a block.
   */
  protected settle<R>(
    decision: GuardrailDecision<R>,
    original: R,
    stage: GuardrailStage,
    call: ConduitCallContext,
    enforce = true,
  ): R {
    if ('block' in decision) {
      this.note(call, {
        guardrail: this.name,
        stage,
        outcome: 'block',
        category: decision.category,
        reason: decision.reason,
        enforced: enforce,
      });
      if (!enforce) return original;
      throw new GuardrailViolationError({
        guardrail: this.name,
        category: decision.category,
        stage,
        reason: decision.reason,
      });
    }
    if ('rewrite' in decision) {
      const categories = decision.categories ?? [];
      this.note(call, {
        guardrail: this.name,
        stage,
        outcome: 'rewrite',
        ...(categories.length > 0 ? { category: categories.join(',') } : {}),
        enforced: enforce,
      });
      return enforce ? decision.rewrite : original;
    }
    this.note(call, { guardrail: this.name, stage, outcome: 'allow', enforced: enforce });
    return original;
  }

  /** Records one decision: metadata, counters, log. Override to export it elsewhere too. */
  protected note(call: ConduitCallContext, record: GuardrailRecord): void {
    const records = call.metadata.get(GUARDRAIL_METADATA_KEY);
    if (Array.isArray(records)) (records as GuardrailRecord[]).push(record);
    else call.metadata.set(GUARDRAIL_METADATA_KEY, [record]);
    this.stats.record(record.guardrail, record.stage, record.outcome);
    if (this.logger === undefined) return;
    const line = { event: 'conduit.guardrail', alias: call.alias, ...record };
    if (record.outcome === 'block') this.logger.warn(line);
    else if (record.outcome === 'rewrite') this.logger.log(line);
    else this.logger.verbose?.(line);
  }

  private checkContext(
    call: ConduitCallContext,
    stage: GuardrailStage,
    offset = 0,
    final = true,
  ): GuardrailCheckContext {
    return { stage, call, offset, final };
  }

  /** Runs the input checks (rewriting `context.request`), then the rest of the chain mapped by `map`. */
  private afterInput(
    context: ConduitCallContext & { kind: 'chat' | 'stream' },
    next: ConduitCallHandler,
    map: ((output: CallOutput) => MaybePromise<CallOutput>) | undefined,
  ): Observable<CallOutput> {
    const checkInput = this.checkInput?.bind(this);
    const run = (): Observable<CallOutput> => {
      const outputs = next.handle();
      if (map === undefined) return outputs;
      return outputs.pipe(
        mergeMap((output) => {
          const mapped = map(output);
          return mapped instanceof Promise ? from(mapped) : of(mapped);
        }),
      );
    };
    if (checkInput === undefined) return run();
    return new Observable<CallOutput>((subscriber) => {
      let inner: { unsubscribe(): void } | undefined;
      let closed = false;
      const start = (): void => {
        if (!closed) inner = run().subscribe(subscriber);
      };
      try {
        const guarded = guardMessages(
          context.request.messages,
          this.options.inputRoles ?? ['user'],
          (text, role, last) => {
            const decision = checkInput(text, {
              ...this.checkContext(context, 'input'),
              role,
              last,
            });
            return decision instanceof Promise
              ? decision.then((d) => this.settle(d, text, 'input', context))
              : this.settle(decision, text, 'input', context);
          },
        );
        const apply = (messages: typeof context.request.messages): void => {
          if (messages !== context.request.messages)
            context.request = { ...context.request, messages };
          start();
        };
        if (guarded instanceof Promise)
          guarded.then(apply, (error: unknown) => subscriber.error(error));
        else apply(guarded);
      } catch (error: unknown) {
        subscriber.error(error);
      }
      return () => {
        closed = true;
        inner?.unsubscribe();
      };
    });
  }

  private guardAnswer(
    context: ConduitCallContext,
    response: ChatResponse,
  ): MaybePromise<CallOutput> {
    const checkOutput = this.checkOutput?.bind(this);
    if (checkOutput === undefined) return response;
    const enforce = this.mode !== 'after';
    const decision = checkOutput(response.text, this.checkContext(context, 'output'));
    const apply = (d: GuardrailDecision): ChatResponse => {
      const text = this.settle(d, response.text, 'output', context, enforce);
      return text === response.text ? response : withAnswerText(response, text);
    };
    return decision instanceof Promise ? decision.then(apply) : apply(decision);
  }

  private guardStreamCall(
    context: ConduitCallContext & { kind: 'stream' },
    next: ConduitCallHandler,
  ): Observable<CallOutput> {
    const events = this.afterInput(context, next, undefined) as Observable<StreamEvent>;
    const checkOutput = this.checkOutput?.bind(this);
    if (checkOutput === undefined) return events;
    return guardStream(
      events,
      this.mode,
      this.options.chunkSize ?? DEFAULT_GUARDRAIL_CHUNK_SIZE,
      (text, offset, final) => {
        const decision = checkOutput(text, this.checkContext(context, 'output', offset, final));
        // A chunk that passes mid-stream is not noted: a long answer would leave thousands of
        // records. Its blocks and rewrites are, and so is the verdict on the last chunk.
        const settle = (d: GuardrailDecision): string =>
          !final && 'allow' in d ? text : this.settle(d, text, 'output', context);
        return decision instanceof Promise ? decision.then(settle) : settle(decision);
      },
      (text) => this.observe(context, text),
    );
  }

  /** `after` mode: the whole answer checked for the record; a failure of the check is logged. */
  private observe(context: ConduitCallContext, text: string): void {
    const checkOutput = this.checkOutput?.bind(this);
    if (checkOutput === undefined) return;
    const onError = (error: unknown): void => {
      this.logger?.error({
        event: 'conduit.guardrail',
        alias: context.alias,
        guardrail: this.name,
        stage: 'output',
        error: error instanceof Error ? error.name : 'unknown',
      });
    };
    try {
      const decision = checkOutput(text, this.checkContext(context, 'output'));
      if (decision instanceof Promise) {
        decision.then((d) => this.settle(d, text, 'output', context, false), onError);
      } else this.settle(decision, text, 'output', context, false);
    } catch (error: unknown) {
      onError(error);
    }
  }

  private guardTool(
    context: ConduitCallContext & { kind: 'tool' },
    next: ConduitCallHandler,
  ): Observable<CallOutput> {
    const checkToolCall = this.checkToolCall?.bind(this);
    const checkToolResult = this.checkToolResult?.bind(this);
    if (checkToolCall === undefined && checkToolResult === undefined) return next.handle();
    const after = (result: ToolResult): MaybePromise<CallOutput> => {
      if (checkToolResult === undefined) return result;
      const decision = checkToolResult(result.content, this.checkContext(context, 'tool-result'));
      const apply = (d: GuardrailDecision): ToolResult => {
        const content = this.settle(d, result.content, 'tool-result', context);
        return content === result.content ? result : { ...result, content, value: undefined };
      };
      return decision instanceof Promise ? decision.then(apply) : apply(decision);
    };
    const run = (): Observable<CallOutput> =>
      next.handle().pipe(
        mergeMap((output) => {
          const mapped = after(output as ToolResult);
          return mapped instanceof Promise ? from(mapped) : of(mapped);
        }),
      );
    if (checkToolCall === undefined) return run();
    return from(
      Promise.resolve()
        .then(() => checkToolCall(context.toolCall, this.checkContext(context, 'tool-call')))
        .then((decision) => {
          const args = this.settle(decision, context.toolCall.arguments, 'tool-call', context);
          if (args !== context.toolCall.arguments) {
            context.toolCall = {
              ...context.toolCall,
              arguments: args,
              rawArguments: JSON.stringify(args),
            };
          }
        }),
    ).pipe(mergeMap(() => run()));
  }
}
