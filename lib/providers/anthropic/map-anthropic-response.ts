import {
  InvalidResponseError,
  type AssistantContentPart,
  type CallWarning,
  type ChatResponse,
  type ToolCall,
} from '../../core';
import { isRecord, optionalString, type WireRecord } from '../shared/wire-data';
import { ANTHROPIC_PROVIDER } from './anthropic-errors';
import { toAssistantMessage } from '../shared/to-assistant-message';
import { anthropicProviderMetadata, refusalExplanation } from './anthropic-response-parts';
import { mapAnthropicStopReason } from './map-anthropic-stop-reason';
import { mapAnthropicUsage } from './map-anthropic-usage';

/** Appends text to the last part when it is text too: adjacent text blocks read as one. */
function appendText(content: AssistantContentPart[], text: string): void {
  if (text === '') return;
  const last = content[content.length - 1];
  if (last?.type === 'text') content[content.length - 1] = { type: 'text', text: last.text + text };
  else content.push({ type: 'text', text });
}

function toolCallOf(block: WireRecord): ToolCall {
  const input = isRecord(block['input']) ? block['input'] : {};
  return {
    id: optionalString(block['id']) ?? '',
    name: optionalString(block['name']) ?? '',
    arguments: { ...input },
    // The API sends the input parsed; its JSON text is the closest thing to the model's own.
    rawArguments: JSON.stringify(input),
  };
}

/**
 * Maps the content blocks of a message: text (adjacent blocks joined), `thinking` as a reasoning
 * part with its signature, `redacted_thinking` as a reasoning part with `redactedData` and no text,
 * `tool_use` as a tool call. Server-tool blocks (web search...) have no neutral form and are skipped.
 */
function mapContent(blocks: unknown): { content: AssistantContentPart[]; toolCalls: ToolCall[] } {
  const content: AssistantContentPart[] = [];
  const toolCalls: ToolCall[] = [];
  for (const block of Array.isArray(blocks) ? (blocks as unknown[]) : []) {
    if (!isRecord(block)) continue;
    switch (block['type']) {
      case 'text':
        appendText(content, optionalString(block['text']) ?? '');
        break;
      case 'thinking': {
        const signature = optionalString(block['signature']);
        content.push({
          type: 'reasoning',
          text: optionalString(block['thinking']) ?? '',
          ...(signature !== undefined && signature !== '' && { signature }),
        });
        break;
      }
      case 'redacted_thinking':
        content.push({
          type: 'reasoning',
          text: '',
          redactedData: optionalString(block['data']) ?? '',
        });
        break;
      case 'tool_use':
        toolCalls.push(toolCallOf(block));
        break;
    }
  }
  return { content, toolCalls };
}

/**
 * Maps a non-streamed Messages API body to a ChatResponse. Throws InvalidResponseError when the
 * body is not a message (no `content` array); the body it keeps is redacted of `secrets` (the API
 * key of the call) and of every credential shape, since proxies echo the request headers.
 */
export function mapAnthropicResponse(
  body: unknown,
  requestWarnings: readonly CallWarning[] = [],
  secrets: readonly (string | undefined)[] = [],
): ChatResponse {
  if (!isRecord(body) || !Array.isArray(body['content'])) {
    throw new InvalidResponseError('anthropic: the answer is not a message (no content array)', {
      provider: ANTHROPIC_PROVIDER,
      body,
      secrets,
    });
  }
  const { content, toolCalls } = mapContent(body['content']);
  const text = content.map((part) => (part.type === 'text' ? part.text : '')).join('');
  const rawFinishReason = optionalString(body['stop_reason']) ?? null;
  const usage = isRecord(body['usage']) ? body['usage'] : {};
  const refusal = refusalExplanation(rawFinishReason, body['stop_details']);
  return {
    id: optionalString(body['id']) ?? '',
    model: optionalString(body['model']) ?? '',
    text,
    content,
    toolCalls,
    finishReason: mapAnthropicStopReason(rawFinishReason),
    rawFinishReason,
    usage: mapAnthropicUsage(usage),
    ...(refusal !== undefined && { refusal }),
    message: toAssistantMessage(content, text, toolCalls),
    warnings: [...requestWarnings],
    providerMetadata: anthropicProviderMetadata({
      stopSequence: body['stop_sequence'],
      stopDetails: body['stop_details'],
      usage,
    }),
  };
}
