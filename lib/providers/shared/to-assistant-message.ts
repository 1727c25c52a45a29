import type { AssistantContentPart, AssistantMessage, ToolCall } from '../../core';

/**
 * The answer as a message to append to the conversation: the plain text when there is no
 * reasoning (the common case reads naturally), else the ordered parts so reasoning (and its
 * signatures) survives the round trip of a tool loop. Tool calls only when there are some.
 * Every provider and `collectStream()` follow this one rule, so streamed and non-streamed answers
 * give equal messages.
 */
export function toAssistantMessage(
  content: readonly AssistantContentPart[],
  text: string,
  toolCalls: readonly ToolCall[],
): AssistantMessage {
  const hasReasoning = content.some((part) => part.type === 'reasoning');
  return {
    role: 'assistant',
    content: hasReasoning ? content : text,
    ...(toolCalls.length > 0 && { toolCalls }),
  };
}
