import type { ProviderMetadata } from '../../core';
import { isRecord, optionalString, type WireRecord } from '../shared/wire-data';

/** What an answer says besides its content: read from the JSON body or from the stream events. */
export interface AnthropicAnswerMetadata {
  /** `stop_sequence`: which of the stop sequences matched. */
  readonly stopSequence: unknown;
  /** `stop_details` (a refusal's `type`, `category` and `explanation`). */
  readonly stopDetails: unknown;
  /** The usage object, for its `cache_creation` breakdown (5-minute / 1-hour writes) and `service_tier`. */
  readonly usage: WireRecord;
}

/**
 * `providerMetadata.anthropic`: `stopSequence`, `stopDetails`, `cacheCreation` and `serviceTier`,
 * each only when sent; `{}` when none was.
 */
export function anthropicProviderMetadata(answer: AnthropicAnswerMetadata): ProviderMetadata {
  const meta: Record<string, unknown> = {};
  const stopSequence = optionalString(answer.stopSequence);
  if (stopSequence !== undefined) meta['stopSequence'] = stopSequence;
  if (isRecord(answer.stopDetails)) meta['stopDetails'] = answer.stopDetails;
  if (isRecord(answer.usage['cache_creation']))
    meta['cacheCreation'] = answer.usage['cache_creation'];
  const tier = optionalString(answer.usage['service_tier']);
  if (tier !== undefined) meta['serviceTier'] = tier;
  return Object.keys(meta).length > 0 ? { anthropic: meta } : {};
}

/**
 * The refusal explanation of a `refusal` stop (newer API versions send one in `stop_details`),
 * surfaced as `ChatResponse.refusal` so callers need not dig in provider metadata.
 */
export function refusalExplanation(
  stopReason: string | null,
  stopDetails: unknown,
): string | undefined {
  if (stopReason !== 'refusal' || !isRecord(stopDetails)) return undefined;
  const explanation = optionalString(stopDetails['explanation']);
  return explanation === '' ? undefined : explanation;
}
