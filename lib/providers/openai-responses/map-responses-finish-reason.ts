import type { FinishReason } from '../../core';
import { isRecord, optionalString } from '../shared/wire-data';

/** The normalized finish reason of a Responses API answer and the raw value it came from. */
export interface ResponsesFinish {
  readonly finishReason: FinishReason;
  readonly rawFinishReason: string | null;
}

/**
 * The Responses API has no finish reason, only a `status` and, for `incomplete`, a reason in
 * `incomplete_details`. The raw value is that reason when there is one, else the status.
 * A completed answer with function calls finished to call tools.
 */
export function mapResponsesFinishReason(
  response: unknown,
  hasToolCalls: boolean,
): ResponsesFinish {
  const record = isRecord(response) ? response : {};
  const status = optionalString(record['status']) ?? null;
  const details = record['incomplete_details'];
  const reason = isRecord(details) ? optionalString(details['reason']) : undefined;
  const raw = reason ?? status;
  switch (raw) {
    case 'completed':
      return { finishReason: hasToolCalls ? 'tool_calls' : 'stop', rawFinishReason: raw };
    case 'max_output_tokens':
      return { finishReason: 'length', rawFinishReason: raw };
    case 'content_filter':
      return { finishReason: 'content_filter', rawFinishReason: raw };
    case 'failed':
      return { finishReason: 'error', rawFinishReason: raw };
    default:
      return { finishReason: 'other', rawFinishReason: raw };
  }
}
