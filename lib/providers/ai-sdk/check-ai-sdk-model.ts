import { ConduitValidationError } from '../../core';
import { isRecord } from '../shared/wire-data';

/**
 * Checks at construction that `model` is an AI SDK model of a spec version this adapter maps
 * (`v2` or `v3`) with the given methods, and returns that version. Anything else (a `v1` model
 * of an AI SDK 4 provider, a model id string, a provider function instead of its model) is a
 * `ConduitValidationError` that says what to pass.
 */
export function checkAiSdkModel(
  model: unknown,
  methods: readonly string[],
  caller: string,
): 'v2' | 'v3' {
  if (!isRecord(model)) {
    throw new ConduitValidationError(
      [
        {
          path: 'model',
          message: `expected an AI SDK model object (e.g. openai('gpt-4o')), got ${typeof model}`,
        },
      ],
      `${caller}: invalid model`,
    );
  }
  const version = model.specificationVersion;
  if (version !== 'v2' && version !== 'v3') {
    throw new ConduitValidationError(
      [
        {
          path: 'model.specificationVersion',
          message: `expected 'v2' (@ai-sdk/provider 2.x) or 'v3' (3.x), got ${JSON.stringify(version) ?? 'undefined'}; use a provider package built on one of those spec versions`,
        },
      ],
      `${caller}: unsupported AI SDK model`,
    );
  }
  const missing = methods.filter((name) => typeof model[name] !== 'function');
  if (missing.length > 0) {
    throw new ConduitValidationError(
      missing.map((name) => ({ path: `model.${name}`, message: 'expected a function' })),
      `${caller}: not an AI SDK model of this kind`,
    );
  }
  return version;
}

/** `openai.chat` -> `openai`: the AI SDK provider id without its API suffix. */
export function defaultProviderName(aiSdkProvider: string): string {
  const name = aiSdkProvider.split('.')[0] ?? '';
  return name === '' ? 'ai-sdk' : name;
}
