import type {
  AssistantContentPart,
  CallWarning,
  ChatResponse,
  ProviderMetadata,
  ToolCall,
} from '../../core';
import { invalidToolArgumentsWarning, parseToolArguments } from '../shared/parse-tool-arguments';
import { toAssistantMessage } from '../shared/to-assistant-message';
import { readReasoningMetadata } from './ai-sdk-reasoning-metadata';
import type { AiSdkGenerateResult } from './ai-sdk-spec.types';
import { mapAiSdkFinishReason } from './map-ai-sdk-finish-reason';
import { mapAiSdkUsage } from './map-ai-sdk-usage';
import { mapAiSdkWarnings } from './map-ai-sdk-warnings';

/** A tool call of the spec's content (its `input` is the JSON text the model wrote). */
export function toToolCall(id: string, name: string, input: unknown): ToolCall {
  const raw = typeof input === 'string' ? input : JSON.stringify(input ?? {});
  return { id, name, arguments: parseToolArguments(raw).arguments, rawArguments: raw };
}

/**
 * A `doGenerate` result as our ChatResponse. Text and reasoning parts keep their order; tool
 * calls the provider ran itself (`providerExecuted`), their results, sources and generated files
 * have no home in ChatResponse and are left out.
 */
export function mapAiSdkResponse(result: AiSdkGenerateResult, modelId: string): ChatResponse {
  const content: AssistantContentPart[] = [];
  const toolCalls: ToolCall[] = [];
  const warnings: CallWarning[] = mapAiSdkWarnings(result.warnings);
  for (const part of result.content) {
    if (part.type === 'text') {
      if (part.text !== '') content.push({ type: 'text', text: part.text });
    } else if (part.type === 'reasoning') {
      content.push({
        type: 'reasoning',
        text: part.text,
        ...readReasoningMetadata(part.providerMetadata),
      });
    } else if (part.type === 'tool-call' && part.providerExecuted !== true) {
      const call = toToolCall(part.toolCallId, part.toolName, part.input);
      if (!parseToolArguments(call.rawArguments).valid)
        warnings.push(invalidToolArgumentsWarning(call));
      toolCalls.push(call);
    }
  }
  const text = content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('');
  return {
    id: result.response?.id ?? '',
    model: result.response?.modelId ?? modelId,
    text,
    content,
    toolCalls,
    ...mapAiSdkFinishReason(result.finishReason),
    usage: mapAiSdkUsage(result.usage),
    message: toAssistantMessage(content, text, toolCalls),
    warnings,
    providerMetadata: (result.providerMetadata ?? {}) as ProviderMetadata,
  };
}
