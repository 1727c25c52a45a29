import {
  InvalidResponseError,
  type AssistantContentPart,
  type CallWarning,
  type ChatResponse,
  type ToolCall,
} from '../../core';
import { toAssistantMessage } from '../shared/to-assistant-message';
import { isRecord, optionalString } from '../shared/wire-data';
import { GOOGLE_PROVIDER, type GoogleErrorContext } from './google-errors';
import {
  candidateParts,
  firstCandidate,
  foldGoogleContent,
  googleContentFilterError,
  googlePartEvents,
  googleProviderMetadata,
} from './google-response-parts';
import { mapGoogleFinishReason } from './map-google-finish-reason';
import { mapGoogleUsage } from './map-google-usage';

/**
 * Maps a non-streamed `GenerateContentResponse` to a ChatResponse: the first candidate's parts
 * (text joined, thought parts as reasoning with their signatures, function calls as tool calls),
 * finish reason, usage and metadata. A blocked prompt or answer throws ContentFilterError; a body
 * with neither candidates nor a block reason throws InvalidResponseError. `model` is the body's
 * `modelVersion`, else the configured id.
 */
export function mapGoogleResponse(
  body: unknown,
  model: string,
  requestWarnings: readonly CallWarning[],
  context: GoogleErrorContext,
): ChatResponse {
  if (!isRecord(body)) {
    throw new InvalidResponseError('google: the answer is not a JSON object', {
      provider: GOOGLE_PROVIDER,
      body,
      secrets: context.secrets,
    });
  }
  const blocked = googleContentFilterError(body, context);
  if (blocked !== undefined) throw blocked;
  const candidate = firstCandidate(body);
  if (candidate === undefined) {
    throw new InvalidResponseError('google: the answer has no candidates', {
      provider: GOOGLE_PROVIDER,
      body,
      secrets: context.secrets,
    });
  }
  const responseId = optionalString(body['responseId']) ?? '';
  const content: AssistantContentPart[] = [];
  const toolCalls: ToolCall[] = [];
  for (const part of candidateParts(candidate)) {
    const { events, toolCall } = googlePartEvents(part, responseId, toolCalls.length);
    foldGoogleContent(content, events);
    if (toolCall !== undefined) toolCalls.push(toolCall);
  }
  const text = content.map((part) => (part.type === 'text' ? part.text : '')).join('');
  const rawFinishReason = optionalString(candidate['finishReason']) ?? null;
  return {
    id: responseId,
    model: optionalString(body['modelVersion']) ?? model,
    text,
    content,
    toolCalls,
    finishReason: mapGoogleFinishReason(rawFinishReason, toolCalls.length > 0),
    rawFinishReason,
    usage: mapGoogleUsage(body['usageMetadata']),
    message: toAssistantMessage(content, text, toolCalls),
    warnings: [...requestWarnings],
    providerMetadata: googleProviderMetadata(body, candidate),
  };
}
