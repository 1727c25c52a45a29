import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { from, lastValueFrom } from 'rxjs';
import {
  AbortedError,
  ConduitError,
  TimeoutError,
  type ToolCall,
  type ToolCallContext,
  type ToolResult,
} from '../core';
import { runInterceptorChain } from '../interceptors/interceptor-chain';
import { ConduitRequestContext } from './conduit-request-context';
import type { RegisteredTool } from './registered-tool.types';
import { settleToolValue } from './run-tool-handler';
import {
  CONDUIT_TOOL_INTERCEPTORS,
  CONDUIT_TOOLS_OPTIONS,
  DEFAULT_MAX_ARGUMENTS_BYTES,
  DEFAULT_TOOL_TIMEOUT_MS,
  type ToolInterceptorsSource,
} from './tool.constants';
import { readToolArguments } from './tool-arguments';
import type { ToolContext } from './tool-context.types';
import type { ToolExecutionOptions } from './tool-execution-options.types';
import type { ConduitToolsOptions } from './tool-options.types';
import { describeError, failureMessage, isWrittenForModel, maskSecrets } from './tool-error-text';
import { errorResult, invalidArgumentsResult, successResult } from './tool-results';
import { ToolRegistry } from './tool.registry';
import { validateToolArguments } from './validate-tool-arguments';

const NEVER_ABORTED = new AbortController().signal;

/**
 * Runs the tool calls a model asked for and turns every outcome into a `ToolResult` for the
 * model: unknown tools, refused approvals, oversized or hostile arguments, invalid arguments
 * (each problem as `path: message`), guard denials ("not allowed"), timeouts and thrown errors
 * all become error results, so a tool loop can recover. Only the caller's own abort rejects
 * (with `AbortedError`).
 *
 * A thrown error reaches the model as its class only, unless it was written for the model
 * (`ToolError`, validation errors, Nest `HttpException`s) or `tools.toolErrors` says otherwise.
 * The whole error goes to this class's logger (`ToolExecutor`): one `warn` line with the tool,
 * the call id, the error's class and message for an unexpected error or a timeout (the stack at
 * `debug`), one `debug` line for an error written for the model.
 *
 * @example
 * ```ts
 * const results = await executor.executeAll(response.toolCalls, { tools: ['get_weather'] });
 * messages.push(...results.map((r) => ({ role: 'tool', toolCallId: r.toolCallId, content: r.content })));
 * ```
 */
@Injectable()
export class ToolExecutor {
  protected readonly logger = new Logger(ToolExecutor.name);

  constructor(
    protected readonly registry: ToolRegistry,
    @Optional()
    @Inject(CONDUIT_TOOLS_OPTIONS)
    protected readonly options: ConduitToolsOptions = {},
    @Optional()
    @Inject(CONDUIT_TOOL_INTERCEPTORS)
    protected readonly interceptors?: ToolInterceptorsSource,
  ) {}

  /**
   * Runs several calls of one turn and returns their results in the order of `toolCalls`.
   * `'parallel'` runs them together, except tools declared `concurrency: 'sequential'`, which run
   * alone; `'sequential'` runs them one after another.
   */
  async executeAll(
    toolCalls: readonly ToolCall[],
    options: ToolExecutionOptions = {},
  ): Promise<ToolResult[]> {
    const policy = options.concurrency ?? this.options.concurrency ?? 'parallel';
    const results: ToolResult[] = [];
    let batch: ToolCall[] = [];
    const flush = async (): Promise<void> => {
      results.push(...(await Promise.all(batch.map((call) => this.execute(call, options)))));
      batch = [];
    };
    for (const toolCall of toolCalls) {
      const alone =
        policy === 'sequential' ||
        this.registry.get(toolCall.name)?.options.concurrency === 'sequential';
      if (!alone) {
        batch.push(toolCall);
        continue;
      }
      await flush();
      results.push(await this.execute(toolCall, options));
    }
    await flush();
    return results;
  }

  /** Runs one call through the interceptor chain (call kind `'tool'`); never rejects except on abort. */
  async execute(toolCall: ToolCall, options: ToolExecutionOptions = {}): Promise<ToolResult> {
    throwIfAborted(options.signal);
    options.onStart?.(toolCall);
    const context: ToolCallContext = {
      kind: 'tool',
      alias: toolCall.name,
      metadata: options.metadata ?? new Map<string, unknown>(),
      signal: options.signal ?? NEVER_ABORTED,
      toolCall,
    };
    let result: ToolResult;
    try {
      result = await this.runChain(context, options, () => this.run(context, options));
    } catch (error) {
      throwIfAborted(options.signal);
      result = this.failed(context.toolCall, error);
    }
    options.onResult?.(result);
    return result;
  }

  /**
   * Runs `inner` through the module's global interceptors, then the call's own, as call kind
   * `'tool'`. An interceptor may rewrite `context.toolCall`, answer without calling the tool, or
   * call `next.handle()` again to retry.
   */
  protected async runChain(
    context: ToolCallContext,
    options: ToolExecutionOptions,
    inner: () => Promise<ToolResult>,
  ): Promise<ToolResult> {
    const global = this.interceptors === undefined ? [] : await this.interceptors();
    const chain = [...global, ...(options.interceptors ?? [])];
    if (chain.length === 0) return inner();
    return lastValueFrom(runInterceptorChain(chain, context, () => from(inner())));
  }

  /** The checks and the call itself, reading the (possibly rewritten) `context.toolCall`. */
  protected async run(
    context: ToolCallContext,
    options: ToolExecutionOptions,
  ): Promise<ToolResult> {
    const toolCall = context.toolCall;
    const tool = this.lookup(toolCall.name, options);
    if (tool === undefined) {
      const names = this.registry.select(options.tools ?? 'all').map((t) => t.name);
      return errorResult(
        toolCall,
        `Unknown tool "${toolCall.name}". Available tools: ${names.join(', ') || '(none)'}.`,
      );
    }
    if (tool.options.requiresApproval === true && !(await options.approve?.(toolCall, tool))) {
      return errorResult(toolCall, `Tool "${tool.name}" requires approval and was not approved.`);
    }
    const maxBytes =
      tool.options.maxArgumentsBytes ??
      this.options.maxArgumentsBytes ??
      DEFAULT_MAX_ARGUMENTS_BYTES;
    const read = readToolArguments(toolCall, maxBytes);
    if (!read.ok) return invalidArgumentsResult(toolCall, read.issues);
    const valid = await validateToolArguments(read.value, tool.options.parameters);
    if (!valid.ok) return invalidArgumentsResult(toolCall, valid.issues);
    return this.invoke(tool, context, valid.value);
  }

  /** Calls the handler with a signal that fires on timeout or on the caller's abort. */
  protected async invoke(
    tool: RegisteredTool,
    context: ToolCallContext,
    args: unknown,
  ): Promise<ToolResult> {
    const timeoutMs = tool.options.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_TOOL_TIMEOUT_MS;
    const controller = new AbortController();
    const onCallerAbort = (): void => controller.abort(toAbortedError(context.signal.reason));
    context.signal.addEventListener('abort', onCallerAbort, { once: true });
    const timer =
      timeoutMs > 0 && Number.isFinite(timeoutMs)
        ? setTimeout(() => {
            const message = `Tool "${tool.name}" did not finish within ${timeoutMs} ms and was cancelled.`;
            controller.abort(new TimeoutError(timeoutMs, message));
          }, timeoutMs)
        : undefined;
    const request = ConduitRequestContext.current()?.request;
    const toolContext: ToolContext = {
      toolCall: context.toolCall,
      signal: controller.signal,
      metadata: context.metadata,
      ...(request === undefined ? {} : { request }),
    };
    try {
      const value = await settleToolValue(() => tool.handler(args, toolContext), controller.signal);
      return successResult(context.toolCall, value);
    } catch (error) {
      if (context.signal.aborted) throw toAbortedError(context.signal.reason);
      return this.failed(context.toolCall, error);
    } finally {
      clearTimeout(timer);
      context.signal.removeEventListener('abort', onCallerAbort);
    }
  }

  /** The error result for a call that threw: the whole error logged, a masked text for the model. */
  protected failed(toolCall: ToolCall, error: unknown): ToolResult {
    this.logFailure(toolCall, error);
    return errorResult(toolCall, maskSecrets(this.modelMessage(toolCall, error)));
  }

  /**
   * The text the model gets for a failure, by `tools.toolErrors` (`'safe'` by default); masked
   * by the caller. Override to word failures your own way.
   */
  protected modelMessage(toolCall: ToolCall, error: unknown): string {
    const choice = this.options.toolErrors ?? 'safe';
    if (typeof choice !== 'function') return failureMessage(toolCall, error, choice === 'verbose');
    try {
      const text = choice(error, toolCall);
      if (typeof text === 'string') return text;
    } catch (formatError) {
      // The call must still get a result: fall back to the safe text, and say why in the logs.
      this.logger.warn(
        `tools.toolErrors threw for tool ${JSON.stringify(toolCall.name)} (${describeError(formatError)}); the model got the safe message`,
      );
    }
    return failureMessage(toolCall, error, false);
  }

  /**
   * One line for the app's logs. A failure the model was told about is handled, not a crash of
   * the app, so never `error`: `warn` for unexpected errors (their stack at `debug`) and
   * timeouts, `debug` for errors written for the model (a `ToolError`, a guard denial, invalid
   * arguments), which are part of a normal conversation.
   */
  protected logFailure(toolCall: ToolCall, error: unknown): void {
    // JSON quoting: the name comes from the model and must not start a forged log line.
    const line = `Tool ${JSON.stringify(toolCall.name)} (call ${toolCall.id}) failed: ${describeError(error)}`;
    if (error instanceof TimeoutError) {
      this.logger.warn(line);
      return;
    }
    if (isWrittenForModel(error)) {
      this.logger.debug(line);
      return;
    }
    this.logger.warn(line);
    if (error instanceof Error && error.stack !== undefined) this.logger.debug(error.stack);
  }

  /** The tool, if it is registered and within the call's selection. */
  private lookup(name: string, options: ToolExecutionOptions): RegisteredTool | undefined {
    const tool = this.registry.get(name);
    if (tool === undefined || options.tools === undefined || options.tools === 'all') return tool;
    return this.registry.select(options.tools).includes(tool) ? tool : undefined;
  }
}

function toAbortedError(reason: unknown): ConduitError {
  return reason instanceof ConduitError ? reason : new AbortedError(undefined, { cause: reason });
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw toAbortedError(signal.reason);
}
