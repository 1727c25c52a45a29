import { ContentFilterError, ProviderError } from '../../core';
import { isRecord, optionalString } from '../shared/wire-data';

/** What Azure's content filter reported on one answer, in `providerMetadata.azure`. */
export interface AzureContentFilterMetadata {
  /** `prompt_filter_results`: one entry per prompt, `{ prompt_index, content_filter_results }`. */
  readonly promptFilterResults?: readonly unknown[];
  /** `choices[0].content_filter_results` of the answer (the last one reported in a stream). */
  readonly contentFilterResults?: Readonly<Record<string, unknown>>;
}

/**
 * The categories that blocked content in a `content_filter_results` object: every entry with
 * `filtered: true` (`hate`, `sexual`, `violence`, `self_harm`, `jailbreak`, `indirect_attack`,
 * `protected_material_text`, `protected_material_code`, `profanity`, `custom_blocklists`...).
 * Blocklists report an array of `{ id, filtered }`; one filtered entry counts.
 */
export function azureFilteredCategories(results: unknown): string[] {
  if (!isRecord(results)) return [];
  return Object.entries(results)
    .filter(([, value]) => isFiltered(value))
    .map(([name]) => name);
}

/** `{ filtered: true }`, or a blocklist report (`[{ id, filtered }]`, `{ details: [...] }`) with one. */
function isFiltered(value: unknown): boolean {
  if (Array.isArray(value)) return (value as unknown[]).some(isFiltered);
  if (!isRecord(value)) return false;
  if (value['filtered'] === true) return true;
  const details = value['details'];
  return Array.isArray(details) && (details as unknown[]).some(isFiltered);
}

/**
 * Reads the content-filter annotations of a body or stream chunk for `providerMetadata.azure`
 * (`prompt_filter_results`, or `prompt_annotations` of older api-versions, and choice 0's
 * `content_filter_results`). Chunks without annotations give `{}`, so earlier ones are kept.
 */
export function readAzureMetadata(payload: unknown): AzureContentFilterMetadata {
  if (!isRecord(payload)) return {};
  const prompt = payload['prompt_filter_results'] ?? payload['prompt_annotations'];
  const choices = payload['choices'];
  const choice = Array.isArray(choices)
    ? (choices as unknown[]).find((c) => isRecord(c) && (c['index'] ?? 0) === 0)
    : undefined;
  const completion = isRecord(choice) ? choice['content_filter_results'] : undefined;
  return {
    ...(Array.isArray(prompt) && { promptFilterResults: prompt as unknown[] }),
    ...(isRecord(completion) &&
      Object.keys(completion).length > 0 && { contentFilterResults: completion }),
  };
}

/** The ContentFilterError of an answer Azure cut with `finish_reason: "content_filter"`. */
export function completionFilteredError(
  metadata: Readonly<Record<string, unknown>> | undefined,
): ContentFilterError {
  const results = metadata?.['contentFilterResults'];
  const categories = azureFilteredCategories(results);
  const named = categories.length > 0 ? ` (${categories.join(', ')})` : '';
  return new ContentFilterError(
    `azure: the answer was stopped by Azure's content filter${named}; the partial answer was withheld`,
    {
      provider: 'azure',
      code: 'content_filter',
      body: { content_filter_results: results },
      categories,
      stage: 'completion',
    },
  );
}

/**
 * Adds the categories to a rejected prompt. Azure answers a blocked prompt with HTTP 400,
 * `code: "content_filter"` and the report in `error.innererror.content_filter_result` (in
 * `error.innererror.content_filter_results` on some api-versions); the OpenAI mapping already
 * made it a ContentFilterError, rebuilt here with `categories` and `stage: 'prompt'`.
 */
export function mapAzureError(error: unknown): unknown {
  if (!(error instanceof ProviderError) || error.code !== 'content_filter') return error;
  if (error instanceof ContentFilterError && error.categories.length > 0) return error;
  const inner =
    isRecord(error.body) && isRecord(error.body['error']) ? error.body['error'] : undefined;
  const innererror = isRecord(inner?.['innererror']) ? inner['innererror'] : undefined;
  const report =
    innererror?.['content_filter_result'] ?? innererror?.['content_filter_results'] ?? undefined;
  const param = optionalString(inner?.['param']);
  return new ContentFilterError(error.message, {
    provider: error.provider,
    ...(error.status !== undefined && { status: error.status }),
    code: 'content_filter',
    ...(error.param !== undefined && { param: error.param }),
    body: error.body,
    ...(error.requestId !== undefined && { requestId: error.requestId }),
    cause: error,
    categories: azureFilteredCategories(report),
    stage: param === 'prompt' || error.status === 400 ? 'prompt' : 'completion',
  });
}
