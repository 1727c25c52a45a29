import type { FinishReason } from '../../core';

/**
 * Normalizes a Messages API `stop_reason`. Callers keep the raw value beside it.
 *
 * - `end_turn`, `stop_sequence` -> `stop`
 * - `max_tokens`, `model_context_window_exceeded` -> `length`
 * - `tool_use` -> `tool_calls`
 * - `refusal` -> `content_filter`
 * - `pause_turn` (a server tool paused a long turn: send the answer back to continue), `null` and
 *   values newer than this code -> `other`
 */
export function mapAnthropicStopReason(raw: string | null | undefined): FinishReason {
  switch (raw) {
    case 'end_turn':
    case 'stop_sequence':
      return 'stop';
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool_calls';
    case 'refusal':
      return 'content_filter';
    default:
      return 'other';
  }
}
