import {
  ConduitValidationError,
  type CallWarning,
  type ChatRequest,
  type ResponseFormat,
  type ValidationIssue,
} from '../../core';
import { checkInlineSizes, type InlineSizeLimits } from '../shared/user-parts';
import { isRecord } from '../shared/wire-data';
import { convertToGoogleContents } from './convert-to-google-contents';
import type { GoogleSchemaMode, GoogleThinkingOptions } from './google-settings.types';
import { prepareGoogleTools } from './prepare-google-tools';
import { toGoogleSchema } from './to-google-schema';

/** How a body is built for one model. */
export interface GoogleRequestTarget {
  /** The model id, named in the error of a part over the size limits. */
  readonly model: string;
  readonly schemaMode?: GoogleSchemaMode | undefined;
  /** `thinking` of the model settings. */
  readonly thinking?: GoogleThinkingOptions | undefined;
  /** `safetySettings` of the model settings. */
  readonly safetySettings?: readonly Readonly<Record<string, string>>[] | undefined;
}

/** A `generateContent` body and the settings that could not be honoured. */
export interface GoogleGenerateBody {
  readonly body: Record<string, unknown>;
  readonly warnings: readonly CallWarning[];
}

/**
 * Gemini's limit on one `generateContent` request: 20 MB with the inline (base64) data in it.
 * Larger files go through the Files API and are sent by URI (`fileData`), which is not counted.
 */
export const GOOGLE_INLINE_LIMITS: InlineSizeLimits = {
  maxPartBytes: 20 * 1024 * 1024,
  maxRequestBytes: 20 * 1024 * 1024,
  measure: 'encoded',
  countImages: true,
};

/** Gemini takes at most 5 stop sequences. */
const MAX_STOP_SEQUENCES = 5;

/** The `generationConfig` keys of the neutral response format. */
function responseFields(
  format: ResponseFormat | undefined,
  mode: GoogleSchemaMode,
): Record<string, unknown> {
  if (format === undefined || format.type === 'text') return {};
  if (format.type === 'json') return { responseMimeType: 'application/json' };
  if (mode === 'json-schema') {
    return { responseMimeType: 'application/json', responseJsonSchema: format.schema };
  }
  const schema = toGoogleSchema(format.schema);
  return { responseMimeType: 'application/json', ...(schema && { responseSchema: schema }) };
}

/**
 * `providerOptions.google`, checked: `thinkingConfig` and `generationConfig` (objects, merged into
 * the body's `generationConfig`), `safetySettings` (an array); every other key is copied to the
 * body's top level as is (`cachedContent`, `labels`...).
 */
function readProviderOptions(options: Readonly<Record<string, unknown>> | undefined): {
  readonly generationConfig: Record<string, unknown>;
  readonly topLevel: Record<string, unknown>;
} {
  const issues: ValidationIssue[] = [];
  const generationConfig: Record<string, unknown> = {};
  const topLevel: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options ?? {})) {
    if (key === 'thinkingConfig' || key === 'generationConfig') {
      if (!isRecord(value))
        issues.push({ path: `providerOptions.google.${key}`, message: 'must be an object' });
      else if (key === 'thinkingConfig') generationConfig['thinkingConfig'] = value;
      else Object.assign(generationConfig, value);
    } else if (key === 'safetySettings' && !Array.isArray(value)) {
      issues.push({ path: 'providerOptions.google.safetySettings', message: 'must be an array' });
    } else {
      topLevel[key] = value;
    }
  }
  if (issues.length > 0)
    throw new ConduitValidationError(issues, 'Invalid Google provider options');
  return { generationConfig, topLevel };
}

/**
 * Builds the `generateContent` / `streamGenerateContent` body of a request: `contents` and
 * `systemInstruction` (see `convertToGoogleContents`), `tools` and `toolConfig`,
 * `generationConfig` (`temperature`, `topP`, `maxOutputTokens`, `stopSequences`, `seed`,
 * `responseMimeType` with `responseSchema` / `responseJsonSchema`, `thinkingConfig`),
 * `safetySettings`. The model and the streaming choice live in the URL, not the body. Throws
 * ConduitValidationError on malformed `providerOptions.google`, and UnsupportedContentError on
 * inline parts over `GOOGLE_INLINE_LIMITS`, before any request.
 */
export function buildGoogleGenerateBody(
  request: ChatRequest,
  target: GoogleRequestTarget,
): GoogleGenerateBody {
  checkInlineSizes(request.messages, `google:${target.model}`, GOOGLE_INLINE_LIMITS);
  const mode = target.schemaMode ?? 'openapi';
  const warnings: CallWarning[] = [];
  const options = readProviderOptions(request.providerOptions?.['google']);
  const { systemInstruction, contents } = convertToGoogleContents(request.messages);
  const tools = prepareGoogleTools(request.tools, request.toolChoice, mode);
  warnings.push(...tools.warnings);

  let stop = request.stop === undefined ? undefined : ([] as string[]).concat(request.stop);
  if (stop !== undefined && stop.length > MAX_STOP_SEQUENCES) {
    warnings.push({
      setting: 'stop',
      message: `Gemini takes at most ${MAX_STOP_SEQUENCES} stop sequences; the first ${MAX_STOP_SEQUENCES} were sent`,
    });
    stop = stop.slice(0, MAX_STOP_SEQUENCES);
  }
  const thinking = target.thinking;
  const generationConfig: Record<string, unknown> = {
    ...(request.temperature !== undefined && { temperature: request.temperature }),
    ...(request.topP !== undefined && { topP: request.topP }),
    ...(request.maxTokens !== undefined && { maxOutputTokens: request.maxTokens }),
    ...(stop !== undefined && stop.length > 0 && { stopSequences: stop }),
    ...(request.seed !== undefined && { seed: request.seed }),
    ...responseFields(request.responseFormat, mode),
    ...(thinking !== undefined && { thinkingConfig: { ...thinking } }),
    ...options.generationConfig,
  };
  const safetySettings = target.safetySettings;
  return {
    body: {
      ...(systemInstruction !== undefined && { systemInstruction }),
      contents,
      ...(tools.tools !== undefined && { tools: tools.tools }),
      ...(tools.toolConfig !== undefined && { toolConfig: tools.toolConfig }),
      ...(Object.keys(generationConfig).length > 0 && { generationConfig }),
      ...(safetySettings !== undefined && { safetySettings }),
      ...options.topLevel,
    },
    warnings,
  };
}
