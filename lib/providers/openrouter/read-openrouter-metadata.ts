import { isRecord, optionalNumber, optionalString } from '../shared/wire-data';

/** What OpenRouter adds to an answer, in `providerMetadata.openrouter`. */
export interface OpenRouterMetadata {
  /** The upstream provider that served the call (`provider`): `OpenAI`, `Together`... */
  readonly provider?: string;
  /** What the call cost in credits (`usage.cost`), when reported. */
  readonly cost?: number;
  /** `reasoning_details` of the message, to send back where a model wants them. */
  readonly reasoningDetails?: readonly unknown[];
}

/** Reads OpenRouter's own fields from an answer or a stream chunk (`{}` when none). */
export function readOpenRouterMetadata(payload: unknown): OpenRouterMetadata {
  if (!isRecord(payload)) return {};
  const provider = optionalString(payload['provider']);
  const usage = payload['usage'];
  const cost = isRecord(usage) ? optionalNumber(usage['cost']) : undefined;
  const choices = payload['choices'];
  const choice = Array.isArray(choices) ? (choices as unknown[])[0] : undefined;
  const message = isRecord(choice) ? choice['message'] : undefined;
  const details = isRecord(message) ? message['reasoning_details'] : undefined;
  return {
    ...(provider !== undefined && { provider }),
    ...(cost !== undefined && { cost }),
    ...(Array.isArray(details) && { reasoningDetails: details as unknown[] }),
  };
}
