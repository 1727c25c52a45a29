import { ForbiddenException, HttpException, UnauthorizedException } from '@nestjs/common';
import { TimeoutError, type ToolCall, type ToolResult, type ValidationIssue } from '../core';

/** An error result for a call. */
export function errorResult(toolCall: ToolCall, content: string): ToolResult {
  return { toolCallId: toolCall.id, toolName: toolCall.name, content, isError: true };
}

/** The error result listing each argument problem as `path: message`, for the model to fix. */
export function invalidArgumentsResult(
  toolCall: ToolCall,
  issues: readonly ValidationIssue[],
): ToolResult {
  const lines = issues.map((issue) => `  - ${issue.path}: ${issue.message}`).join('\n');
  return errorResult(
    toolCall,
    `Invalid arguments for tool "${toolCall.name}":\n${lines}\nFix the arguments and call the tool again.`,
  );
}

/** A successful result: strings as they are, anything else as JSON (`null` for no value). */
export function successResult(toolCall: ToolCall, value: unknown): ToolResult {
  let content: string;
  try {
    content = typeof value === 'string' ? value : (JSON.stringify(value) ?? 'null');
  } catch (error) {
    return errorResult(
      toolCall,
      `Tool "${toolCall.name}" returned a value that cannot be sent as JSON (${(error as Error).message}).`,
    );
  }
  return { toolCallId: toolCall.id, toolName: toolCall.name, content, isError: false, value };
}

function httpMessage(error: HttpException): string {
  const response = error.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.map(String).join('; ');
  return typeof message === 'string' ? message : error.message;
}

/**
 * The error result for a tool that failed: denied by a guard ("not allowed"), timed out, or threw.
 * Only the error's message reaches the model, never a stack.
 */
export function failureResult(toolCall: ToolCall, error: unknown): ToolResult {
  const name = toolCall.name;
  if (error instanceof ForbiddenException || error instanceof UnauthorizedException) {
    return errorResult(toolCall, `Tool "${name}" is not allowed: ${httpMessage(error)}.`);
  }
  if (error instanceof TimeoutError) return errorResult(toolCall, error.message);
  if (error instanceof HttpException) {
    return errorResult(toolCall, `Tool "${name}" failed: ${httpMessage(error)}.`);
  }
  const message = error instanceof Error ? error.message : String(error);
  return errorResult(toolCall, `Tool "${name}" failed: ${message}`);
}
