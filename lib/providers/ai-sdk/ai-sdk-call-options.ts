import type { ChatRequest, ResponseFormat, ToolChoice, ToolDefinition } from '../../core';
import { cacheControlOption, convertToAiSdkPrompt } from './convert-to-ai-sdk-prompt';
import type { LanguageModelV3CallOptions, LanguageModelV3FunctionTool } from './ai-sdk-spec.types';

type SpecProviderOptions = NonNullable<LanguageModelV3CallOptions['providerOptions']>;

/**
 * The spec's call options for one request. Every field written here has the same shape in V2 and
 * V3, except a tool's `strict` and `providerOptions`, which only V3 has (`version` leaves them out
 * for V2). Our `providerOptions` pass through untouched: the AI SDK provider reads its own key
 * (`{ openai: { user: 'u-1' } }`, `{ anthropic: { thinking: ... } }`).
 */
export function toAiSdkCallOptions(
  request: ChatRequest,
  version: 'v2' | 'v3',
  abortSignal: AbortSignal | undefined,
): LanguageModelV3CallOptions {
  const stop = request.stop;
  return {
    prompt: convertToAiSdkPrompt(request.messages),
    ...(request.maxTokens !== undefined && { maxOutputTokens: request.maxTokens }),
    ...(request.temperature !== undefined && { temperature: request.temperature }),
    ...(request.topP !== undefined && { topP: request.topP }),
    ...(request.seed !== undefined && { seed: request.seed }),
    ...(stop !== undefined && { stopSequences: typeof stop === 'string' ? [stop] : [...stop] }),
    ...(request.tools !== undefined &&
      request.tools.length > 0 && { tools: request.tools.map((tool) => toTool(tool, version)) }),
    ...(request.toolChoice !== undefined && { toolChoice: toToolChoice(request.toolChoice) }),
    ...(request.responseFormat !== undefined && {
      responseFormat: toResponseFormat(request.responseFormat),
    }),
    ...(request.providerOptions !== undefined && {
      // Our options are plain JSON by contract (they go on the wire as they are).
      providerOptions: request.providerOptions as SpecProviderOptions,
    }),
    ...(request.headers !== undefined && { headers: { ...request.headers } }),
    ...(abortSignal !== undefined && { abortSignal }),
  };
}

function toTool(tool: ToolDefinition, version: 'v2' | 'v3'): LanguageModelV3FunctionTool {
  return {
    type: 'function',
    name: tool.name,
    ...(tool.description !== undefined && { description: tool.description }),
    inputSchema: tool.parameters,
    ...(version === 'v3' && tool.strict !== undefined && { strict: tool.strict }),
    ...(version === 'v3' &&
      tool.cacheControl !== undefined && {
        providerOptions: { anthropic: { cacheControl: cacheControlOption(tool.cacheControl) } },
      }),
  };
}

function toToolChoice(choice: ToolChoice): NonNullable<LanguageModelV3CallOptions['toolChoice']> {
  return typeof choice === 'string' ? { type: choice } : { type: 'tool', toolName: choice.name };
}

function toResponseFormat(
  format: ResponseFormat,
): NonNullable<LanguageModelV3CallOptions['responseFormat']> {
  if (format.type !== 'json_schema') return { type: format.type };
  return {
    type: 'json',
    schema: format.schema,
    name: format.name,
    ...(format.description !== undefined && { description: format.description }),
  };
}
