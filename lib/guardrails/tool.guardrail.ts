import type { ToolCall } from '../core';
import type { GuardrailCheckContext, GuardrailDecision, MaybePromise } from './guardrail.types';
import { Guardrail } from './guardrail';

/**
 * A guardrail on tool calls: `check` sees the call (its name and parsed arguments) before the
 * tool runs; a rewrite replaces the arguments, a block fails the call (the model receives a tool
 * error, the tool never runs). Override `checkResult` to look at what the tool returned before
 * the model does. Register it as a global interceptor or in `toolInterceptors`.
 *
 * @example
 * export class NoDeleteGuardrail extends ToolGuardrail {
 *   check(call: ToolCall): GuardrailDecision<Record<string, unknown>> {
 *     return call.name === 'deleteAccount'
 *       ? { block: true, reason: 'deleting accounts is not allowed', category: 'forbidden_tool' }
 *       : { allow: true };
 *   }
 * }
 */
export abstract class ToolGuardrail extends Guardrail {
  /** Decides on a tool call before it runs. */
  abstract check(
    toolCall: ToolCall,
    context: GuardrailCheckContext,
  ): MaybePromise<GuardrailDecision<Record<string, unknown>>>;

  /** Decides on a tool's result text; lets everything through unless overridden. */
  checkResult(_content: string, _context: GuardrailCheckContext): MaybePromise<GuardrailDecision> {
    return { allow: true };
  }

  protected override checkToolCall(
    toolCall: ToolCall,
    context: GuardrailCheckContext,
  ): MaybePromise<GuardrailDecision<Record<string, unknown>>> {
    return this.check(toolCall, context);
  }

  protected override checkToolResult(
    content: string,
    context: GuardrailCheckContext,
  ): MaybePromise<GuardrailDecision> {
    return this.checkResult(content, context);
  }
}
