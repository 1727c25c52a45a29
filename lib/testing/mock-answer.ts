import type { ChatRequest } from '../core/chat-options.types';
import type { ChatResponse } from '../core/chat-response.types';
import type { Message, ToolCall } from '../core/message.types';
import type { StreamEvent } from '../core/stream-event.types';
import type { Usage } from '../core/usage.types';
import type { MockResponse } from './mock-response.types';

/** A scripted answer with every default filled in: what both `chat()` and `stream()` deliver. */
export interface MockAnswer {
  readonly response: ChatResponse;
  /** The streamed text deltas (their concatenation is `response.text`). */
  readonly chunks: readonly string[];
}

/** About 4 characters a token: deterministic, close enough for cost and budget tests. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

function messageText(message: Message): string {
  if (typeof message.content === 'string') return message.content;
  return message.content.map((part) => ('text' in part ? part.text : '')).join('');
}

/** The text cut after each run of whitespace: "Hello big world" -> "Hello ", "big ", "world". */
export function splitIntoChunks(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}

/**
 * Builds the answer of call number `callNumber` (1-based) from a scripted `MockResponse`, the way a
 * provider would: generated tool call ids, a finish reason, usage and the `message` to append.
 * Pure: the same inputs give the same answer.
 */
export function buildMockAnswer(
  script: MockResponse,
  request: ChatRequest,
  callNumber: number,
  modelId: string,
): MockAnswer {
  const text = script.text ?? '';
  const toolCalls: ToolCall[] = (script.toolCalls ?? []).map((call, index) => {
    const args = call.arguments ?? {};
    return {
      id: call.id ?? `call_mock_${callNumber}_${index}`,
      name: call.name,
      arguments: args,
      rawArguments: JSON.stringify(args),
    };
  });
  const inputTokens = estimateTokens(request.messages.map(messageText).join('\n'));
  const outputTokens = estimateTokens(
    text + toolCalls.map((c) => c.name + c.rawArguments).join(''),
  );
  const usage: Usage = script.usage ?? {
    inputTokens,
    outputTokens,
    totalTokens: inputTokens + outputTokens,
  };
  const finishReason = script.finishReason ?? (toolCalls.length > 0 ? 'tool_calls' : 'stop');
  const response: ChatResponse = {
    id: script.id ?? `mock-response-${callNumber}`,
    model: modelId,
    text,
    content: text === '' ? [] : [{ type: 'text', text }],
    toolCalls,
    finishReason,
    rawFinishReason: finishReason,
    usage,
    message: {
      role: 'assistant',
      content: text,
      ...(toolCalls.length > 0 && { toolCalls }),
    },
    warnings: [],
    providerMetadata: {},
  };
  return { response, chunks: script.chunks ?? splitIntoChunks(text) };
}

/** The events after the text deltas: tool call start/delta/complete, usage, finish. */
export function closingEvents(response: ChatResponse): StreamEvent[] {
  const events: StreamEvent[] = [];
  response.toolCalls.forEach((toolCall, index) => {
    events.push(
      { type: 'tool-call-start', index, id: toolCall.id, name: toolCall.name },
      { type: 'tool-call-delta', index, id: toolCall.id, argumentsDelta: toolCall.rawArguments },
      { type: 'tool-call', index, toolCall },
    );
  });
  events.push(
    { type: 'usage', usage: response.usage },
    {
      type: 'finish',
      finishReason: response.finishReason,
      rawFinishReason: response.rawFinishReason,
      usage: response.usage,
      providerMetadata: response.providerMetadata,
    },
  );
  return events;
}
