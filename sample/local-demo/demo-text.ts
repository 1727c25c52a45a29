import type { Message } from 'nestjs-conduit';

/** The plain text of a message (image parts and reasoning left out). */
export function textOf(message: Message): string {
  if (typeof message.content === 'string') return message.content;
  return message.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
}

/** The text of the last user message, or `''`. */
export function lastUserText(messages: readonly Message[]): string {
  const last = [...messages].reverse().find((message) => message.role === 'user');
  return last ? textOf(last) : '';
}

/** Words separated by whitespace: the demo model's stand-in for tokens. */
export function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}
