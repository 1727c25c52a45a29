import type { ChatRequest, Message } from '../../core';
import { isRecord } from '../shared/wire-data';

function reasoningText(message: Message): string {
  if (message.role !== 'assistant' || typeof message.content === 'string') return '';
  return message.content.map((part) => (part.type === 'reasoning' ? part.text : '')).join('');
}

/**
 * Which messages must carry their reasoning back to DeepSeek, by DeepSeek's thinking-mode rule:
 * between two user messages, when the model made no tool call, earlier reasoning is not sent
 * (it is ignored at best, and the older `deepseek-reasoner` answered it with HTTP 400); when it
 * made tool calls, every assistant message of that stretch must carry its `reasoning_content`,
 * in this and all later requests, or the API answers 400.
 */
export function deepSeekReasoningIndexes(messages: readonly Message[]): Set<number> {
  const indexes = new Set<number>();
  let stretch: number[] = [];
  let toolCalls = false;
  const close = (): void => {
    if (toolCalls) for (const index of stretch) indexes.add(index);
    stretch = [];
    toolCalls = false;
  };
  messages.forEach((message, index) => {
    if (message.role === 'user') close();
    if (message.role !== 'assistant') return;
    stretch.push(index);
    if ((message.toolCalls?.length ?? 0) > 0) toolCalls = true;
  });
  close();
  return indexes;
}

/**
 * Puts `reasoning_content` on the wire messages that need it (see `deepSeekReasoningIndexes`).
 * The OpenAI mapping drops reasoning parts, so every other message goes without. An assistant
 * message of a tool-call stretch without reasoning parts gets `""`: the field must be present.
 */
export function addDeepSeekReasoning(body: Record<string, unknown>, request: ChatRequest): void {
  const wire = body['messages'];
  if (!Array.isArray(wire) || wire.length !== request.messages.length) return;
  for (const index of deepSeekReasoningIndexes(request.messages)) {
    const message = wire[index] as unknown;
    if (!isRecord(message)) continue;
    wire[index] = {
      ...message,
      reasoning_content: reasoningText(request.messages[index]),
    };
  }
}
