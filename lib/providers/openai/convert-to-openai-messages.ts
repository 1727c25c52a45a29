import type { AssistantMessage, Message, ToolCall, UserContentPart, UserMessage } from '../../core';
import {
  defaultFilename,
  inlineBase64,
  unsupportedPart,
  type PartLocation,
} from '../shared/user-parts';

/** A Chat Completions message as sent on the wire. */
export type OpenAIChatMessage = Readonly<Record<string, unknown>>;

/** Audio formats Chat Completions `input_audio` takes. */
const CHAT_AUDIO_FORMATS: ReadonlySet<string> = new Set(['wav', 'mp3']);

function convertUserPart(part: UserContentPart, at: PartLocation): Record<string, unknown> {
  switch (part.type) {
    case 'text':
      return { type: 'text', text: part.text };
    case 'image': {
      const url = 'url' in part ? part.url : `data:${part.mediaType};base64,${part.data}`;
      const imageUrl: Record<string, unknown> = { url };
      if (part.detail !== undefined) imageUrl['detail'] = part.detail;
      return { type: 'image_url', image_url: imageUrl };
    }
    case 'file': {
      // Chat Completions takes files as inline bytes or an uploaded `file_id`, never a URL.
      const data = inlineBase64(part);
      if (data === undefined) {
        throw unsupportedPart(part, at, 'Chat Completions takes files as base64 data, not by URL');
      }
      if (part.mediaType !== 'application/pdf') {
        throw unsupportedPart(part, at, 'Chat Completions takes PDF files only');
      }
      return {
        type: 'file',
        file: {
          filename: part.filename ?? defaultFilename(part.mediaType),
          file_data: `data:${part.mediaType};base64,${data}`,
        },
      };
    }
    case 'audio':
      if (!CHAT_AUDIO_FORMATS.has(part.format)) {
        throw unsupportedPart(part, at, 'Chat Completions takes wav and mp3 audio only');
      }
      return { type: 'input_audio', input_audio: { data: part.data, format: part.format } };
  }
}

function convertUser(message: UserMessage, model: string, messageIndex: number): OpenAIChatMessage {
  const content =
    typeof message.content === 'string'
      ? message.content
      : message.content.map((part, partIndex) =>
          convertUserPart(part, { model, messageIndex, partIndex }),
        );
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
 * `data:` URLs; PDF file parts become `file` parts with `file_data` (a `data:` URL) and a
 * `filename`; wav/mp3 audio becomes `input_audio`; reasoning parts are dropped; tool results become
 * `role: "tool"` messages. A part the wire format cannot carry (a file by URL, a non-PDF file,
 * another audio format) throws an `UnsupportedContentError` naming `model` (`provider:modelId`).
 */
export function convertToOpenAIMessages(
  messages: readonly Message[],
  model = 'openai',
): OpenAIChatMessage[] {
  return messages.map((message, index): OpenAIChatMessage => {
    switch (message.role) {
      case 'system':
        return { role: 'system', content: message.content };
      case 'user':
        return convertUser(message, model, index);
      case 'assistant':
        return convertAssistant(message);
      case 'tool':
        return { role: 'tool', content: message.content, tool_call_id: message.toolCallId };
    }
  });
}
