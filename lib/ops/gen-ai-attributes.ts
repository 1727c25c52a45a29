import type { ConduitCallContext, ToolResult } from '../core/call-context.types';
import type { ChatResponse } from '../core/chat-response.types';
import type { EmbeddingResponse } from '../core/embedding-model.interface';
import type { Usage } from '../core/usage.types';

/** Span attribute values OpenTelemetry accepts. */
export type SpanAttributeValue = string | number | boolean | string[];
/** A set of span attributes. */
export type SpanAttributes = Record<string, SpanAttributeValue>;

/** `gen_ai.operation.name` of a call kind (OpenTelemetry GenAI semantic conventions). */
export function operationName(context: ConduitCallContext): string {
  if (context.kind === 'embed') return 'embeddings';
  if (context.kind === 'tool') return 'execute_tool';
  return 'chat';
}

/** `{operation} {model}` (or `{operation} {tool}`), as the conventions name spans. */
export function spanName(context: ConduitCallContext): string {
  const target =
    context.kind === 'tool' ? context.toolCall.name : (context.modelInfo?.modelId ?? context.alias);
  return `${operationName(context)} ${target}`;
}

/** What is known before the call: system, model, operation and request parameters. */
export function requestAttributes(context: ConduitCallContext): SpanAttributes {
  const attributes: SpanAttributes = {
    'gen_ai.operation.name': operationName(context),
    'conduit.alias': context.alias,
  };
  if (context.kind === 'tool') {
    attributes['gen_ai.tool.name'] = context.toolCall.name;
    attributes['gen_ai.tool.call.id'] = context.toolCall.id;
    attributes['gen_ai.tool.type'] = 'function';
    return attributes;
  }
  const info = context.modelInfo;
  if (info !== undefined) {
    // `gen_ai.system` is the older name of `gen_ai.provider.name`; backends read either.
    attributes['gen_ai.system'] = info.provider;
    attributes['gen_ai.provider.name'] = info.provider;
    attributes['gen_ai.request.model'] = info.modelId;
  }
  if (context.kind === 'embed') return attributes;
  const { temperature, topP, maxTokens } = context.request;
  if (temperature !== undefined) attributes['gen_ai.request.temperature'] = temperature;
  if (topP !== undefined) attributes['gen_ai.request.top_p'] = topP;
  if (maxTokens !== undefined) attributes['gen_ai.request.max_tokens'] = maxTokens;
  attributes['conduit.stream'] = context.kind === 'stream';
  return attributes;
}

/** Token counts under their convention names (cached and reasoning tokens when reported). */
export function usageAttributes(usage: Usage): SpanAttributes {
  return {
    'gen_ai.usage.input_tokens': usage.inputTokens,
    'gen_ai.usage.output_tokens': usage.outputTokens,
    ...(usage.cacheReadTokens !== undefined && {
      'gen_ai.usage.cache_read.input_tokens': usage.cacheReadTokens,
    }),
    ...(usage.cacheWriteTokens !== undefined && {
      'gen_ai.usage.cache_creation.input_tokens': usage.cacheWriteTokens,
    }),
    ...(usage.reasoningTokens !== undefined && {
      'gen_ai.usage.reasoning.output_tokens': usage.reasoningTokens,
    }),
  };
}

/** What a whole chat answer tells: id, model, finish reason and usage. */
export function chatResponseAttributes(response: ChatResponse): SpanAttributes {
  return {
    'gen_ai.response.id': response.id,
    'gen_ai.response.model': response.model,
    'gen_ai.response.finish_reasons': [response.finishReason],
    ...usageAttributes(response.usage),
  };
}

/** What an embeddings answer tells. */
export function embeddingAttributes(response: EmbeddingResponse): SpanAttributes {
  return {
    'gen_ai.response.model': response.model,
    'gen_ai.usage.input_tokens': response.usage.inputTokens,
  };
}

/** What a tool result tells. */
export function toolResultAttributes(result: ToolResult): SpanAttributes {
  return { 'conduit.tool.is_error': result.isError };
}
