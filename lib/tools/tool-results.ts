import type { ToolCall, ToolResult, ValidationIssue } from '../core';

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
