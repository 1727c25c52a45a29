import type { FinishReason } from '../../core';

/**
 * Gemini's `finishReason` in the neutral form: `STOP` is `stop` (`tool_calls` when the answer
 * holds function calls: Gemini says STOP for them too), `MAX_TOKENS` `length`, the safety family
 * (`SAFETY`, `RECITATION`, `BLOCKLIST`, `PROHIBITED_CONTENT`, `SPII`, `IMAGE_SAFETY`...)
 * `content_filter`, a malformed or unexpected function call `error`, anything else `other`.
 */
export function mapGoogleFinishReason(raw: string | null, hasToolCalls: boolean): FinishReason {
  switch (raw) {
    case 'STOP':
      return hasToolCalls ? 'tool_calls' : 'stop';
    case 'MAX_TOKENS':
      return 'length';
    case 'SAFETY':
    case 'RECITATION':
    case 'BLOCKLIST':
    case 'PROHIBITED_CONTENT':
    case 'SPII':
    case 'IMAGE_SAFETY':
    case 'IMAGE_PROHIBITED_CONTENT':
    case 'IMAGE_RECITATION':
      return 'content_filter';
    case 'MALFORMED_FUNCTION_CALL':
    case 'UNEXPECTED_TOOL_CALL':
    case 'TOO_MANY_TOOL_CALLS':
      return 'error';
    default:
      return hasToolCalls ? 'tool_calls' : 'other';
  }
}
