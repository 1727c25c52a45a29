import { InvalidResponseError, type CallWarning, type StreamEvent, type Usage } from '../../core';
import type { SseStreamState } from '../shared/sse-event-reader';
import { MAX_TOOL_CALLS_PER_RESPONSE } from '../shared/stream-limits';
import { isRecord, optionalString, type WireRecord } from '../shared/wire-data';
import { GOOGLE_PROVIDER, mapGoogleStreamError, type GoogleErrorContext } from './google-errors';
import {
  candidateParts,
  firstCandidate,
  googleContentFilterError,
  googlePartEvents,
  googleProviderMetadata,
} from './google-response-parts';
import { mapGoogleFinishReason } from './map-google-finish-reason';
import { mapGoogleUsage } from './map-google-usage';

/**
 * Turns `streamGenerateContent?alt=sse` payloads into StreamEvents. Every `data:` payload is a
 * whole `GenerateContentResponse` holding the next parts of the answer:
 *
 * - the first payload emits `start` (its `responseId`, its `modelVersion` or the configured id,
 *   the request warnings);
 * - each part goes through `googlePartEvents` (text, thought text, signatures, function calls,
 *   which Gemini sends whole: start, one delta and the parsed call at once);
 * - `usageMetadata` is cumulative: the last one wins; the `finishReason` of the candidate is
 *   kept, and `usage` then `finish` are emitted when the body ends;
 * - a blocked prompt or answer throws ContentFilterError, an `{ error }` payload the mapped typed
 *   error (RESOURCE_EXHAUSTED -> RateLimitError...);
 * - a body that ends without a finish reason throws InvalidResponseError: the end of an answer is
 *   never silently lost. So do more than `MAX_TOOL_CALLS_PER_RESPONSE` calls.
 */
export class GoogleStreamState implements SseStreamState {
  private started = false;
  private toolCount = 0;
  private rawFinishReason: string | null = null;
  private usage: unknown = undefined;
  private last: { body: WireRecord; candidate: WireRecord | undefined } | undefined;
  /** `#` keeps the API key (for redaction) out of printouts. */
  readonly #context: GoogleErrorContext;

  constructor(
    context: GoogleErrorContext,
    private readonly model: string,
    private readonly warnings: readonly CallWarning[] = [],
  ) {
    this.#context = context;
  }

  /** The events of one payload. */
  push(payload: unknown): StreamEvent[] {
    if (payload === '[DONE]') return [];
    if (!isRecord(payload)) throw this.invalid('a stream event is not a JSON object', payload);
    if (payload['error'] !== undefined) throw mapGoogleStreamError(payload, this.#context);
    const blocked = googleContentFilterError(payload, this.#context);
    if (blocked !== undefined) throw blocked;
    const events: StreamEvent[] = [];
    if (!this.started) {
      this.started = true;
      events.push({
        type: 'start',
        id: optionalString(payload['responseId']) ?? '',
        model: optionalString(payload['modelVersion']) ?? this.model,
        warnings: this.warnings,
      });
    }
    const candidate = firstCandidate(payload);
    const responseId = optionalString(payload['responseId']) ?? '';
    for (const part of candidateParts(candidate)) {
      const result = googlePartEvents(part, responseId, this.toolCount);
      if (result.toolCall !== undefined && ++this.toolCount > MAX_TOOL_CALLS_PER_RESPONSE) {
        throw this.invalid(`more than ${MAX_TOOL_CALLS_PER_RESPONSE} function calls`);
      }
      events.push(...result.events);
    }
    const finishReason = optionalString(candidate?.['finishReason']);
    if (finishReason !== undefined) this.rawFinishReason = finishReason;
    if (payload['usageMetadata'] !== undefined) this.usage = payload['usageMetadata'];
    this.last = {
      body: payload,
      candidate: candidate ?? this.last?.candidate,
    };
    return events;
  }

  /** The body ended: `usage` and `finish`, or a throw when no finish reason came. */
  finish(): StreamEvent[] {
    if (this.rawFinishReason === null || this.last === undefined) {
      throw this.invalid('the stream ended without a finish reason: the answer is incomplete');
    }
    const usage: Usage = mapGoogleUsage(this.usage);
    return [
      { type: 'usage', usage },
      {
        type: 'finish',
        finishReason: mapGoogleFinishReason(this.rawFinishReason, this.toolCount > 0),
        rawFinishReason: this.rawFinishReason,
        usage,
        providerMetadata: googleProviderMetadata(
          { ...this.last.body, ...(this.usage !== undefined && { usageMetadata: this.usage }) },
          this.last.candidate,
        ),
      },
    ];
  }

  private invalid(message: string, body?: unknown): InvalidResponseError {
    return new InvalidResponseError(`google: ${message}`, {
      provider: GOOGLE_PROVIDER,
      ...(body !== undefined && { body }),
      secrets: this.#context.secrets,
      ...(this.#context.requestId !== undefined && { requestId: this.#context.requestId }),
    });
  }
}
