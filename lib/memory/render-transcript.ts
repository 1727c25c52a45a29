import type { Message } from '../core/message.types';

function textOf(message: Message): string {
  if (typeof message.content === 'string') return message.content;
  return message.content
    .map((part) => {
      if (part.type === 'text') return part.text;
      if (part.type === 'image') return '[image]';
      return '';
    })
    .filter((text) => text !== '')
    .join('\n');
}

/**
 * Messages as a plain-text transcript for a summary prompt (`user: ...`, `assistant called
 * weather({"city":"Paris"})`, `tool weather: ...`). Reasoning parts are left out.
 */
export function renderTranscript(messages: readonly Message[]): string {
  const lines: string[] = [];
  for (const message of messages) {
    const text = textOf(message);
    if (message.role === 'tool') {
      lines.push(`tool ${message.toolName ?? message.toolCallId}: ${text}`);
      continue;
    }
    if (text !== '') lines.push(`${message.role}: ${text}`);
    if (message.role === 'assistant') {
      for (const call of message.toolCalls ?? []) {
        lines.push(`assistant called ${call.name}(${JSON.stringify(call.arguments)})`);
      }
    }
  }
  return lines.join('\n');
}
