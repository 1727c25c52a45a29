import type { FinishReason } from '../../core';
import type { AiSdkFinishReason } from './ai-sdk-spec.types';

const UNIFIED: Readonly<Record<string, FinishReason>> = {
  stop: 'stop',
  length: 'length',
  'content-filter': 'content_filter',
  'tool-calls': 'tool_calls',
  error: 'error',
};

/**
 * The spec's finish reason as ours. V3 sends `{ unified, raw }` and `raw` is the provider's own
 * value; V2 sends only its unified string, which then stands in as the raw one.
 */
export function mapAiSdkFinishReason(reason: AiSdkFinishReason | undefined): {
  readonly finishReason: FinishReason;
  readonly rawFinishReason: string | null;
} {
  if (reason === undefined) return { finishReason: 'other', rawFinishReason: null };
  if (typeof reason === 'string') {
    return { finishReason: UNIFIED[reason] ?? 'other', rawFinishReason: reason };
  }
  return { finishReason: UNIFIED[reason.unified] ?? 'other', rawFinishReason: reason.raw ?? null };
}
