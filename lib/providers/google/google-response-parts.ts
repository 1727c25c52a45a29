import {
  ContentFilterError,
  type AssistantContentPart,
  type ProviderMetadata,
  type StreamEvent,
  type ToolCall,
} from '../../core';
import { isRecord, optionalString, type WireRecord } from '../shared/wire-data';
import { GOOGLE_GENERATED_CALL_ID_PREFIX } from './convert-to-google-contents';
import { GOOGLE_PROVIDER, type GoogleErrorContext } from './google-errors';

/** Finish reasons that mean the answer was blocked, not cut: the call fails with ContentFilterError. */
const BLOCKING_FINISH_REASONS = new Set([
  'SAFETY',
  'BLOCKLIST',
  'PROHIBITED_CONTENT',
  'SPII',
  'IMAGE_SAFETY',
  'IMAGE_PROHIBITED_CONTENT',
]);

/** The first candidate of a `GenerateContentResponse` (the API returns one unless asked). */
export function firstCandidate(body: WireRecord): WireRecord | undefined {
  const candidates = body['candidates'];
  const first: unknown = Array.isArray(candidates) ? (candidates as unknown[])[0] : undefined;
  return isRecord(first) ? first : undefined;
}

/** The parts of a candidate's content (empty when it has none, as a blocked one). */
export function candidateParts(candidate: WireRecord | undefined): WireRecord[] {
  const content = candidate?.['content'];
  const parts = isRecord(content) ? content['parts'] : undefined;
  return Array.isArray(parts) ? (parts as unknown[]).filter(isRecord) : [];
}

/** The id of a function call: Gemini's own when sent, else a made-up one (never sent back). */
function callId(call: WireRecord, responseId: string, index: number): string {
  const id = optionalString(call['id']);
  if (id !== undefined && id !== '') return id;
  return `${GOOGLE_GENERATED_CALL_ID_PREFIX}${responseId === '' ? '' : `${responseId}_`}${index}`;
}

/** A `functionCall` part as a complete ToolCall (Gemini sends the arguments parsed, in one piece). */
export function googleToolCall(call: WireRecord, responseId: string, index: number): ToolCall {
  const args = isRecord(call['args']) ? call['args'] : {};
  return {
    id: callId(call, responseId, index),
    name: optionalString(call['name']) ?? '',
    arguments: { ...args },
    rawArguments: JSON.stringify(args),
  };
}

/**
 * The stream events of one part, in wire order. A `thoughtSignature` becomes a `reasoning-delta`
 * with empty text and the signature: AFTER a thought part's text (so the reasoning part keeps its
 * own signature) and BEFORE any other part (text, function call), so the signature stands just
 * ahead of the part it belongs to and `convertToGoogleContents` puts it back there. `toolIndex`
 * is the position of a function call among the answer's calls.
 */
export function googlePartEvents(
  part: WireRecord,
  responseId: string,
  toolIndex: number,
): { readonly events: StreamEvent[]; readonly toolCall?: ToolCall } {
  const signature = optionalString(part['thoughtSignature']);
  const signed: StreamEvent[] =
    signature === undefined || signature === ''
      ? []
      : [{ type: 'reasoning-delta', delta: '', signature }];
  const text = optionalString(part['text']);
  if (part['thought'] === true) {
    const delta: StreamEvent[] =
      text === undefined || text === '' ? [] : [{ type: 'reasoning-delta', delta: text }];
    return { events: [...delta, ...signed] };
  }
  if (isRecord(part['functionCall'])) {
    const toolCall = googleToolCall(part['functionCall'], responseId, toolIndex);
    const { id, name, rawArguments } = toolCall;
    return {
      events: [
        ...signed,
        { type: 'tool-call-start', index: toolIndex, id, name },
        { type: 'tool-call-delta', index: toolIndex, id, argumentsDelta: rawArguments },
        { type: 'tool-call', index: toolIndex, toolCall },
      ],
      toolCall,
    };
  }
  if (text !== undefined && text !== '')
    return { events: [...signed, { type: 'text-delta', delta: text }] };
  // Parts with no neutral form (executableCode, inlineData answers...) keep only their signature.
  return { events: signed };
}

/**
 * Folds text and reasoning events into content parts exactly as `collectStream()` does (a
 * signature closes the open reasoning part; adjacent text joins), so a non-streamed answer and a
 * collected stream give equal content.
 */
export function foldGoogleContent(
  content: AssistantContentPart[],
  events: readonly StreamEvent[],
): void {
  for (const event of events) {
    const last = content[content.length - 1];
    if (event.type === 'text-delta') {
      if (last?.type === 'text')
        content[content.length - 1] = { type: 'text', text: last.text + event.delta };
      else content.push({ type: 'text', text: event.delta });
    } else if (event.type === 'reasoning-delta') {
      const signature = event.signature === undefined ? {} : { signature: event.signature };
      if (last?.type === 'reasoning' && last.signature === undefined) {
        content[content.length - 1] = { ...last, text: last.text + event.delta, ...signature };
      } else {
        content.push({ type: 'reasoning', text: event.delta, ...signature });
      }
    }
  }
}

/** Categories of `safetyRatings` that blocked (or else rated MEDIUM / HIGH), in order. */
function blockingCategories(ratings: unknown): string[] {
  const list = Array.isArray(ratings) ? (ratings as unknown[]).filter(isRecord) : [];
  const category = (rating: WireRecord): string => optionalString(rating['category']) ?? '';
  const blocked = list.filter((rating) => rating['blocked'] === true).map(category);
  if (blocked.length > 0) return blocked.filter((c) => c !== '');
  return list
    .filter((rating) => rating['probability'] === 'HIGH' || rating['probability'] === 'MEDIUM')
    .map(category)
    .filter((c) => c !== '');
}

/**
 * The ContentFilterError of a blocked answer, or `undefined`: `promptFeedback.blockReason` (the
 * prompt was blocked: stage `prompt`), or a candidate finishing with `SAFETY`,
 * `PROHIBITED_CONTENT`, `BLOCKLIST`, `SPII` or `IMAGE_SAFETY` (stage `completion`). Categories
 * are the ratings' that blocked; without ratings, the reason itself.
 */
export function googleContentFilterError(
  body: WireRecord,
  context: GoogleErrorContext,
): ContentFilterError | undefined {
  const feedback = isRecord(body['promptFeedback']) ? body['promptFeedback'] : undefined;
  const blockReason = optionalString(feedback?.['blockReason']);
  const details = {
    provider: GOOGLE_PROVIDER,
    body,
    secrets: context.secrets,
    ...(context.requestId !== undefined && { requestId: context.requestId }),
  };
  if (blockReason !== undefined && blockReason !== 'BLOCK_REASON_UNSPECIFIED') {
    const categories = blockingCategories(feedback?.['safetyRatings']);
    return new ContentFilterError(
      `Google blocked the prompt (${blockReason})${categories.length > 0 ? `: ${categories.join(', ')}` : ''}`,
      {
        ...details,
        code: blockReason,
        stage: 'prompt',
        categories: categories.length > 0 ? categories : [blockReason],
      },
    );
  }
  const candidate = firstCandidate(body);
  const finishReason = optionalString(candidate?.['finishReason']);
  if (finishReason === undefined || !BLOCKING_FINISH_REASONS.has(finishReason)) return undefined;
  const categories = blockingCategories(candidate?.['safetyRatings']);
  return new ContentFilterError(
    `Google blocked the answer (${finishReason})${categories.length > 0 ? `: ${categories.join(', ')}` : ''}`,
    {
      ...details,
      code: finishReason,
      stage: 'completion',
      categories: categories.length > 0 ? categories : [finishReason],
    },
  );
}

/**
 * What Gemini reports beyond the neutral fields, under `google`: `modelVersion`, `responseId`,
 * the candidate's `safetyRatings`, `citationMetadata`, `groundingMetadata`, `finishMessage` and
 * the raw `usageMetadata` (with its per-modality details), each when sent.
 */
export function googleProviderMetadata(
  body: WireRecord,
  candidate: WireRecord | undefined,
): ProviderMetadata {
  const google: Record<string, unknown> = {};
  for (const key of ['modelVersion', 'responseId', 'usageMetadata'] as const) {
    if (body[key] !== undefined) google[key] = body[key];
  }
  for (const key of [
    'safetyRatings',
    'citationMetadata',
    'groundingMetadata',
    'finishMessage',
  ] as const) {
    if (candidate?.[key] !== undefined) google[key] = candidate[key];
  }
  return { google };
}
