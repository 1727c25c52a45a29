import type { CallWarning, ChatRequest, ResponseFormat } from '../../core';
import { checkInlineSizes, type InlineSizeLimits } from '../shared/user-parts';
import { isRecord } from '../shared/wire-data';
import type { AnthropicThinkingOptions } from './anthropic-options.types';
import { markLastBlock } from './anthropic-cache-control';
import { convertToAnthropicMessages } from './convert-to-anthropic-messages';
import { defaultAnthropicMaxTokens } from './default-anthropic-max-tokens';
import { prepareAnthropicTools } from './prepare-anthropic-tools';
import { readAnthropicProviderOptions } from './read-anthropic-provider-options';

/**
 * The Messages API takes request bodies up to 32 MB, and files travel in them as base64: the base64
 * of every inline document and image together must stay under it. The 100-page limit of a PDF is
 * not checked (counting pages means parsing the file).
 */
const ANTHROPIC_INLINE_LIMITS: InlineSizeLimits = {
  maxPartBytes: 32 * 1024 * 1024,
  maxRequestBytes: 32 * 1024 * 1024,
  measure: 'encoded',
  countImages: true,
};

/** For which model, and how, a Messages API body is built. */
export interface AnthropicRequestTarget {
  readonly model: string;
  readonly stream: boolean;
  /** `defaultMaxTokens` of the model settings. */
  readonly defaultMaxTokens?: number | undefined;
  /** `thinking` of the model settings. */
  readonly thinking?: AnthropicThinkingOptions | undefined;
}

/** A Messages API body and the settings that could not be honoured. */
export interface AnthropicMessagesBody {
  readonly body: Record<string, unknown>;
  readonly warnings: readonly CallWarning[];
}

/**
 * `json` has no Anthropic equivalent; `json_schema` maps to the native structured output
 * (`output_config.format`), which Claude Sonnet 4.5, Opus 4.1, Haiku 4.5 and later models honour
 * (older ones answer with a 400 InvalidRequestError rather than silently ignoring the schema).
 */
function outputFormat(format: ResponseFormat | undefined, warnings: CallWarning[]): unknown {
  if (format === undefined || format.type === 'text') return undefined;
  if (format.type === 'json') {
    warnings.push({
      setting: 'responseFormat',
      message:
        "Anthropic has no plain JSON mode; ask for JSON in the prompt or use { type: 'json_schema' }",
    });
    return undefined;
  }
  return { type: 'json_schema', schema: format.schema };
}

function sampling(
  request: ChatRequest,
  thinking: boolean,
  body: Record<string, unknown>,
  warnings: CallWarning[],
): void {
  const { temperature, topP } = request;
  if (temperature !== undefined) {
    if (thinking) {
      warnings.push({
        setting: 'temperature',
        message: 'not sent: extended thinking requires the default temperature',
      });
    } else if (temperature > 1) {
      warnings.push({
        setting: 'temperature',
        message: `Anthropic accepts 0 to 1; ${temperature} was sent as 1`,
      });
      body['temperature'] = 1;
    } else {
      body['temperature'] = temperature;
    }
  }
  if (topP !== undefined) {
    if (thinking && topP < 0.95) {
      warnings.push({
        setting: 'topP',
        message: 'not sent: extended thinking accepts only topP from 0.95 to 1',
      });
    } else {
      body['top_p'] = topP;
    }
  }
}

/**
 * Builds the Messages API body of a request.
 *
 * - `max_tokens` (required by the API): `maxTokens`, else the model's `defaultMaxTokens`, else the
 *   per-family default of `defaultAnthropicMaxTokens`. With extended thinking enabled the thinking
 *   budget is added on top, so `maxTokens` keeps meaning "tokens of answer".
 * - Thinking comes from `providerOptions.anthropic.thinking` (typed or wire form), else from the
 *   model settings. While it is on, `temperature` and a `topP` below 0.95 are dropped with warnings
 *   (the API rejects them).
 * - `temperature` above 1 is sent as 1 with a warning; `seed` is not supported: a warning.
 * - `responseFormat`: `json_schema` -> `output_config.format`; `json` -> a warning.
 * - Cache breakpoints from `cacheControl` on messages and tools and from
 *   `providerOptions.anthropic.cacheControl`; one that cannot be placed is a warning, never dropped
 *   silently.
 * - The remaining `providerOptions.anthropic` keys are merged last and win: shallowly, except
 *   `output_config`, whose keys (`effort`) join the `format` of `responseFormat`.
 */
export function buildAnthropicMessagesBody(
  request: ChatRequest,
  target: AnthropicRequestTarget,
): AnthropicMessagesBody {
  const options = readAnthropicProviderOptions(
    request.providerOptions?.['anthropic'],
    request.messages.length,
    target.thinking,
  );
  const model = `anthropic:${target.model}`;
  checkInlineSizes(request.messages, model, ANTHROPIC_INLINE_LIMITS);
  const prompt = convertToAnthropicMessages(request.messages, options.cacheMessages, model, {
    citations: options.citations,
  });
  const warnings: CallWarning[] = [...prompt.warnings];
  const body: Record<string, unknown> = { model: target.model };

  const answerTokens =
    request.maxTokens ?? target.defaultMaxTokens ?? defaultAnthropicMaxTokens(target.model);
  body['max_tokens'] = answerTokens + options.thinkingBudget;

  if (
    options.cacheSystem !== undefined &&
    !(prompt.system && markLastBlock(prompt.system, options.cacheSystem))
  ) {
    warnings.push({
      setting: 'providerOptions.anthropic.cacheControl.system',
      message: 'there is no system prompt to carry the cache breakpoint; it was not sent',
    });
  }
  if (prompt.system !== undefined) body['system'] = prompt.system;
  body['messages'] = prompt.messages;

  const thinkingOn = options.thinking !== undefined && options.thinking['type'] !== 'disabled';
  if (options.thinking !== undefined) body['thinking'] = options.thinking;
  sampling(request, thinkingOn, body, warnings);
  if (request.stop !== undefined) {
    body['stop_sequences'] = typeof request.stop === 'string' ? [request.stop] : [...request.stop];
  }
  if (request.seed !== undefined) {
    warnings.push({
      setting: 'seed',
      message: 'Anthropic does not support seeds; it was not sent',
    });
  }

  const tools = prepareAnthropicTools(request, options.cacheTools);
  warnings.push(...tools.warnings);
  if (tools.tools !== undefined) body['tools'] = tools.tools;
  if (tools.tool_choice !== undefined) body['tool_choice'] = tools.tool_choice;

  const format = outputFormat(request.responseFormat, warnings);
  if (format !== undefined) body['output_config'] = { format };
  if (target.stream) body['stream'] = true;

  const extraOutput = options.extra['output_config'];
  Object.assign(body, options.extra);
  // One level deeper for output_config, so a raw `effort` and a typed `responseFormat` combine.
  if (format !== undefined && isRecord(extraOutput)) {
    body['output_config'] = { format, ...extraOutput };
  }
  return { body, warnings };
}
