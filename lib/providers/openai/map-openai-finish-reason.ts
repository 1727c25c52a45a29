import type { FinishReason } from '../../core';

/**
 * Normalizes a Chat Completions `finish_reason`. The legacy `function_call` counts as
 * `tool_calls`; anything unknown (`null`, new values) is `other`. Callers keep the raw value.
 */
export function mapOpenAIFinishReason(raw: string | null | undefined): FinishReason {
  switch (raw) {
    case 'stop':
      return 'stop';
    case 'length':
      return 'length';
    case 'tool_calls':
    case 'function_call':
      return 'tool_calls';
    case 'content_filter':
      return 'content_filter';
    default:
      return 'other';
  }
}
