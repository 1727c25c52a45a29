import type { AssistantMessage, Message, ToolCall, UserContentPart, UserMessage } from '../../core';

/** A Chat Completions message as sent on the wire. */
export type OpenAIChatMessage = Readonly<Record<string, unknown>>;

function convertUserPart(part: UserContentPart): Record<string, unknown> {
  if (part.type === 'text') return { type: 'text', text: part.text };
  const url = 'url' in part ? part.url : `data:${part.mediaType};base64,${part.data}`;
  const imageUrl: Record<string, unknown> = { url };
  if (part.detail !== undefined) imageUrl['detail'] = part.detail;
  return { type: 'image_url', image_url: imageUrl };
}

function convertUser(message: UserMessage): OpenAIChatMessage {
  const content =
    typeof message.content === 'string' ? message.content : message.content.map(convertUserPart);
  return message.name === undefined
    ? { role: 'user', content }
    : { role: 'user', content, name: message.name };
}

/** Keeps the model's exact argument text when known, so a round trip changes nothing. */
function convertToolCall(call: ToolCall): Record<string, unknown> {
  const args = call.rawArguments !== '' ? call.rawArguments : JSON.stringify(call.arguments);
  return { id: call.id, type: 'function', function: { name: call.name, arguments: args } };
}

function convertAssistant(message: AssistantMessage): OpenAIChatMessage {
  // Reasoning parts are dropped: Chat Completions has no field to send them back in.
  const text =
    typeof message.content === 'string'
      ? message.content
      : message.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
  const toolCalls = message.toolCalls ?? [];
  if (toolCalls.length === 0) return { role: 'assistant', content: text };
  // OpenAI's own clients send `null` rather than `""` next to tool calls.
  return {
    role: 'assistant',
    content: text === '' ? null : text,
    tool_calls: toolCalls.map(convertToolCall),
  };
}

/**
 * Converts conversation messages to Chat Completions `messages`. Images given as base64 become
 * `data:` URLs; reasoning parts are dropped; tool results become `role: "tool"` messages.
 */
export function convertToOpenAIMessages(messages: readonly Message[]): OpenAIChatMessage[] {
  return messages.map((message): OpenAIChatMessage => {
    switch (message.role) {
      case 'system':
        return { role: 'system', content: message.content };
      case 'user':
        return convertUser(message);
      case 'assistant':
        return convertAssistant(message);
      case 'tool':
        return { role: 'tool', content: message.content, tool_call_id: message.toolCallId };
    }
  });
}
