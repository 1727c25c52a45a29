import type { CallWarning, ToolCall } from '../../core';

/** Parsed tool-call arguments and whether the text was a valid JSON object. */
export interface ParsedToolArguments {
  readonly arguments: Record<string, unknown>;
  readonly valid: boolean;
}

/**
 * Parses a tool call's argument text. An empty (or blank) string means "no arguments": `{}`, valid.
 * Text that is not JSON, or JSON that is not an object, gives `{}` and `valid: false`: the call
 * keeps its `rawArguments` so the caller can still see or repair what the model wrote (a stream
 * cut by `maxTokens` typically ends inside the arguments).
 */
export function parseToolArguments(raw: string): ParsedToolArguments {
  if (raw.trim() === '') return { arguments: {}, valid: true };
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      return { arguments: value as Record<string, unknown>, valid: true };
    }
  } catch {
    // Falls through: invalid JSON is reported, not thrown.
  }
  return { arguments: {}, valid: false };
}

/**
 * The note attached to a response whose tool call had unparseable arguments. `collectStream()`
 * adds the very same warning for streamed answers, so both paths give equal responses.
 */
export function invalidToolArgumentsWarning(call: ToolCall): CallWarning {
  return {
    setting: 'toolCalls',
    message: `tool call ${call.id} (${call.name}) has arguments that are not a JSON object; arguments is {} and rawArguments keeps the text`,
  };
}
