import {
  InvalidResponseError,
  type AssistantContentPart,
  type CallWarning,
  type ChatResponse,
  type ToolCall,
} from '../../core';
import { openAIProviderMetadata } from '../shared/openai-wire/openai-provider-metadata';
import { invalidToolArgumentsWarning, parseToolArguments } from '../shared/parse-tool-arguments';
import { toAssistantMessage } from '../shared/to-assistant-message';
import { isRecord, optionalString, type WireRecord } from '../shared/wire-data';
import { mapOpenAIFinishReason } from './map-openai-finish-reason';
import { mapOpenAIUsage } from './map-openai-usage';

/** Re-exported: the rule now lives in providers/shared, where every provider reads it. */
export { toAssistantMessage };

/** Reasoning text sent by OpenAI-compatible servers (xAI/vLLM `reasoning_content`, Groq/Ollama `reasoning`). */
export function reasoningOf(record: WireRecord): string | undefined {
  return optionalString(record['reasoning_content']) ?? optionalString(record['reasoning']);
}

function mapToolCalls(raw: unknown, warnings: CallWarning[]): ToolCall[] {
  if (!Array.isArray(raw)) return [];
  const calls: ToolCall[] = [];
  for (const item of raw as unknown[]) {
    if (!isRecord(item) || !isRecord(item['function'])) continue;
    const fn = item['function'];
    const rawArguments = optionalString(fn['arguments']) ?? '';
    const parsed = parseToolArguments(rawArguments);
    const call: ToolCall = {
      id: optionalString(item['id']) ?? '',
      name: optionalString(fn['name']) ?? '',
      arguments: parsed.arguments,
      rawArguments,
    };
    if (!parsed.valid) warnings.push(invalidToolArgumentsWarning(call));
    calls.push(call);
  }
  return calls;
}

/**
 * Maps a non-streamed Chat Completions body to a ChatResponse. Only choice 0 is read (requests
 * never ask for more). Throws InvalidResponseError when the body has no such choice; the body it
 * keeps is redacted of `secrets` (the API keys of the call) and of every credential shape, since
 * proxies and debugging gateways echo the request headers.
 */
export function mapOpenAIResponse(
  body: unknown,
  providerName: string,
  requestWarnings: readonly CallWarning[] = [],
  readMetadata?: (payload: unknown) => Readonly<Record<string, unknown>>,
  secrets: readonly (string | undefined)[] = [],
): ChatResponse {
  const choices = isRecord(body) ? body['choices'] : undefined;
  const choice = Array.isArray(choices)
    ? (choices as unknown[]).find((c) => isRecord(c) && (c['index'] ?? 0) === 0)
    : undefined;
  if (!isRecord(body) || !isRecord(choice) || !isRecord(choice['message'])) {
    throw new InvalidResponseError(
      `${providerName} returned a chat completion without choices[0].message`,
      { provider: providerName, body, secrets },
    );
  }
  const message = choice['message'];
  const warnings = [...requestWarnings];
  const text = optionalString(message['content']) ?? '';
  const reasoning = reasoningOf(message);
  const content: AssistantContentPart[] = [];
  if (reasoning !== undefined && reasoning !== '')
    content.push({ type: 'reasoning', text: reasoning });
  if (text !== '') content.push({ type: 'text', text });
  const toolCalls = mapToolCalls(message['tool_calls'], warnings);
  const refusal = optionalString(message['refusal']);
  const rawFinishReason = optionalString(choice['finish_reason']) ?? null;

  return {
    id: optionalString(body['id']) ?? '',
    model: optionalString(body['model']) ?? '',
    text,
    content,
    toolCalls,
    finishReason: mapOpenAIFinishReason(rawFinishReason),
    rawFinishReason,
    usage: mapOpenAIUsage(body['usage'], { provider: providerName }),
    ...(refusal !== undefined && refusal !== '' && { refusal }),
    message: toAssistantMessage(content, text, toolCalls),
    warnings,
    providerMetadata: openAIProviderMetadata(
      providerName,
      optionalString(body['system_fingerprint']),
      optionalString(body['service_tier']),
      readMetadata?.(body),
    ),
  };
}
