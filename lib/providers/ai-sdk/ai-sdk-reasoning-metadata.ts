import { isRecord, optionalString } from '../shared/wire-data';

/**
 * The signature and redacted data of a reasoning part, which AI SDK providers return in
 * `providerMetadata` (Anthropic under `anthropic`, others under their own key) and read back from
 * the part's `providerOptions` on the next turn.
 */
export function readReasoningMetadata(metadata: unknown): {
  readonly signature?: string;
  readonly redactedData?: string;
} {
  if (!isRecord(metadata)) return {};
  for (const value of Object.values(metadata)) {
    if (!isRecord(value)) continue;
    const signature = optionalString(value.signature);
    const redactedData = optionalString(value.redactedData);
    if (signature !== undefined || redactedData !== undefined) {
      return {
        ...(signature !== undefined && { signature }),
        ...(redactedData !== undefined && { redactedData }),
      };
    }
  }
  return {};
}
