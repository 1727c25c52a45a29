import type { AssistantContentPart, ChatResponse } from '../core';

/**
 * The response with its answer text replaced: `text`, the text parts of `content` (the new text
 * in the first, the others dropped, reasoning parts kept) and the message.
 */
export function withAnswerText(response: ChatResponse, text: string): ChatResponse {
  const content: AssistantContentPart[] = [];
  let placed = false;
  for (const part of response.content) {
    if (part.type !== 'text') content.push(part);
    else if (!placed) {
      placed = true;
      content.push({ type: 'text', text });
    }
  }
  if (!placed) content.push({ type: 'text', text });
  const message =
    typeof response.message.content === 'string'
      ? { ...response.message, content: text }
      : { ...response.message, content };
  return { ...response, text, content, message };
}
