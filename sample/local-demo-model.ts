import type { ChatRequest, Message } from 'nestjs-conduit';
import { MockChatModel } from 'nestjs-conduit/testing';

/** The model id the local demo model reports. */
export const LOCAL_DEMO_MODEL_ID = 'local-demo-model';

/**
 * A deterministic model from the testing kit, so the sample runs with no API key and no network.
 * It echoes the last user message and says plainly that it is not a real LLM.
 */
export function createLocalDemoModel(): MockChatModel {
  return new MockChatModel({
    modelId: LOCAL_DEMO_MODEL_ID,
    provider: 'local-demo',
    respond: (request: ChatRequest) => {
      const said = lastUserText(request.messages);
      const text = `[local demo model] You said: ${said}`;
      return {
        text,
        // Word by word, so a streamed answer arrives in several `text-delta` events.
        chunks: text.split(/(?<= )/),
        finishReason: 'stop',
        usage: {
          inputTokens: countWords(request.messages.map(textOf).join(' ')),
          outputTokens: countWords(text),
          totalTokens: countWords(request.messages.map(textOf).join(' ')) + countWords(text),
        },
      };
    },
  });
}

function lastUserText(messages: readonly Message[]): string {
  const last = [...messages].reverse().find((message) => message.role === 'user');
  return last ? textOf(last) : '';
}

function textOf(message: Message): string {
  if (typeof message.content === 'string') return message.content;
  return message.content.map((part) => ('text' in part ? part.text : '')).join('');
}

function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}
