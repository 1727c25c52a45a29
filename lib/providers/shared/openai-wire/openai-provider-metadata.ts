import type { ProviderMetadata } from '../../../core';

/**
 * `system_fingerprint` and `service_tier`, keyed by provider name; `{}` when neither was sent.
 * Both OpenAI wires (Chat Completions and Responses) send them.
 */
export function openAIProviderMetadata(
  providerName: string,
  systemFingerprint: string | undefined,
  serviceTier: string | undefined,
  extra: Readonly<Record<string, unknown>> = {},
): ProviderMetadata {
  const meta: Record<string, unknown> = {};
  if (systemFingerprint !== undefined) meta['systemFingerprint'] = systemFingerprint;
  if (serviceTier !== undefined) meta['serviceTier'] = serviceTier;
  Object.assign(meta, extra);
  return Object.keys(meta).length > 0 ? { [providerName]: meta } : {};
}
