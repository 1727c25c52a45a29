import {
  InvalidResponseError,
  type AssistantContentPart,
  type CallWarning,
  type ChatResponse,
  type ReasoningPart,
  type ToolCall,
} from '../../core';
import { openAIProviderMetadata } from '../shared/openai-wire/openai-provider-metadata';
import { invalidToolArgumentsWarning, parseToolArguments } from '../shared/parse-tool-arguments';
import { toAssistantMessage } from '../shared/to-assistant-message';
import { isRecord, optionalString, type WireRecord } from '../shared/wire-data';
import { mapResponsesFinishReason } from './map-responses-finish-reason';
import { mapResponsesUsage } from './map-responses-usage';

/** Separates the summary parts of one reasoning item, in both the streamed and the whole answer. */
export const SUMMARY_SEPARATOR = '\n\n';

/** The list a wire field holds, or `[]`. */
export function listOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/**
 * A `reasoning` output item as reasoning parts. The item id goes in `signature` (the Responses API
 * needs it to accept the item back). The summaries, joined, make one part; the encrypted reasoning
 * (`encrypted_content`, when it was asked for) is a part of its own with no text, like Anthropic's
 * redacted thinking, carrying the same id. An item with neither text nor encrypted content still
 * gives its (empty) part, so it can be sent back. `convertToResponsesInput` merges parts of one id.
 */
export function reasoningPartsOf(item: WireRecord): ReasoningPart[] {
  const text = listOf(item['summary'])
    .map((part) => (isRecord(part) ? (optionalString(part['text']) ?? '') : ''))
    .join(SUMMARY_SEPARATOR);
  const id = optionalString(item['id']);
  const signature = id === undefined ? {} : { signature: id };
  const encrypted = optionalString(item['encrypted_content']);
  const parts: ReasoningPart[] = [];
  if (text !== '' || encrypted === undefined) parts.push({ type: 'reasoning', text, ...signature });
  if (encrypted !== undefined) {
    parts.push({ type: 'reasoning', text: '', ...signature, redactedData: encrypted });
  }
  return parts;
}

/** A `function_call` output item as a tool call; its `call_id` is what the tool result echoes. */
export function toolCallOf(item: WireRecord): ToolCall {
  const rawArguments = optionalString(item['arguments']) ?? '';
  return {
    id: optionalString(item['call_id']) ?? optionalString(item['id']) ?? '',
    name: optionalString(item['name']) ?? '',
    arguments: parseToolArguments(rawArguments).arguments,
    rawArguments,
  };
}

/** Appends text to the last part when it is text too, as `collectStream()` joins text deltas. */
function appendText(content: AssistantContentPart[], text: string): void {
  if (text === '') return;
  const last = content[content.length - 1];
  if (last?.type === 'text') content[content.length - 1] = { type: 'text', text: last.text + text };
  else content.push({ type: 'text', text });
}

/**
 * Maps a non-streamed Responses API body (status `completed` or `incomplete`) to a ChatResponse.
 * Output items are read in order: reasoning items become reasoning parts, message items text (and
 * refusal), function calls tool calls; server-side tool items are skipped.
 */
export function mapResponsesResponse(
  body: unknown,
  providerName: string,
  requestWarnings: readonly CallWarning[] = [],
  secrets: readonly (string | undefined)[] = [],
): ChatResponse {
  if (!isRecord(body) || !Array.isArray(body['output'])) {
    // The body is kept redacted of `secrets` (the API key of the call): proxies echo the headers.
    throw new InvalidResponseError(`${providerName} returned a response without an output list`, {
      provider: providerName,
      body,
      secrets,
    });
  }
  const warnings = [...requestWarnings];
  const content: AssistantContentPart[] = [];
  const toolCalls: ToolCall[] = [];
  let refusal = '';
  for (const item of listOf(body['output'])) {
    if (!isRecord(item)) continue;
    switch (item['type']) {
      case 'reasoning':
        content.push(...reasoningPartsOf(item));
        break;
      case 'message':
        for (const part of listOf(item['content'])) {
          if (!isRecord(part)) continue;
          if (part['type'] === 'output_text')
            appendText(content, optionalString(part['text']) ?? '');
          if (part['type'] === 'refusal') refusal += optionalString(part['refusal']) ?? '';
        }
        break;
      case 'function_call': {
        const call = toolCallOf(item);
        if (!parseToolArguments(call.rawArguments).valid)
          warnings.push(invalidToolArgumentsWarning(call));
        toolCalls.push(call);
        break;
      }
    }
  }
  const text = content.map((part) => (part.type === 'text' ? part.text : '')).join('');
  return {
    id: optionalString(body['id']) ?? '',
    model: optionalString(body['model']) ?? '',
    text,
    content,
    toolCalls,
    ...mapResponsesFinishReason(body, toolCalls.length > 0),
    usage: mapResponsesUsage(body['usage'], { provider: providerName }),
    ...(refusal !== '' && { refusal }),
    message: toAssistantMessage(content, text, toolCalls),
    warnings,
    providerMetadata: openAIProviderMetadata(
      providerName,
      undefined,
      optionalString(body['service_tier']),
    ),
  };
}
