import { Observable, type OperatorFunction } from 'rxjs';
import {
  ConduitError,
  InvalidResponseError,
  type AssistantContentPart,
  type CallWarning,
  type ChatResponse,
  type FinishEvent,
  type ReasoningPart,
  type StreamEvent,
  type ToolCall,
} from '../core';
import { isRecord } from '../core/is-record';

/** What `reduceStreamEvent` has gathered so far. Plain data: pass it on, never mutate it. */
export interface CollectedStream {
  readonly id: string;
  readonly model: string;
  readonly warnings: readonly CallWarning[];
  /** Ordered text and reasoning parts; consecutive deltas of one kind extend the same part. */
  readonly content: readonly AssistantContentPart[];
  readonly refusal: string;
  /** Complete tool calls by their index in the answer. */
  readonly toolCalls: readonly { readonly index: number; readonly toolCall: ToolCall }[];
  readonly finish?: FinishEvent;
}

/** The state before the first event. */
export const EMPTY_COLLECTED_STREAM: CollectedStream = {
  id: '',
  model: '',
  warnings: [],
  content: [],
  refusal: '',
  toolCalls: [],
};

/** A reasoning part that may still grow: not signed, not redacted. */
function isOpenReasoning(part: AssistantContentPart | undefined): part is ReasoningPart {
  return (
    part?.type === 'reasoning' && part.signature === undefined && part.redactedData === undefined
  );
}

function addReasoning(
  content: readonly AssistantContentPart[],
  event: Extract<StreamEvent, { type: 'reasoning-delta' }>,
): readonly AssistantContentPart[] {
  const last = content[content.length - 1];
  const extras = {
    ...(event.signature !== undefined && { signature: event.signature }),
    ...(event.redactedData !== undefined && { redactedData: event.redactedData }),
  };
  // Redacted reasoning is a block of its own; a signature closes the open block it belongs to.
  if (event.redactedData === undefined && isOpenReasoning(last)) {
    return [...content.slice(0, -1), { ...last, text: last.text + event.delta, ...extras }];
  }
  return [...content, { type: 'reasoning', text: event.delta, ...extras }];
}

function addText(
  content: readonly AssistantContentPart[],
  delta: string,
): readonly AssistantContentPart[] {
  const last = content[content.length - 1];
  if (last?.type === 'text')
    return [...content.slice(0, -1), { type: 'text', text: last.text + delta }];
  return [...content, { type: 'text', text: delta }];
}

/**
 * Folds one stream event into the collected state (a pure reducer). Text deltas extend the last
 * text part; reasoning deltas extend the last open reasoning part (a `signature` closes it, a
 * `redactedData` delta is a part of its own); `tool-call` events give the complete calls; `finish`
 * gives the finish reason, usage and provider metadata. Start/delta events of tool calls are
 * progress only and change nothing. An `error` event throws a ConduitError.
 */
export function reduceStreamEvent(state: CollectedStream, event: StreamEvent): CollectedStream {
  switch (event.type) {
    case 'start':
      return { ...state, id: event.id, model: event.model, warnings: event.warnings };
    case 'text-delta':
      return event.delta === ''
        ? state
        : { ...state, content: addText(state.content, event.delta) };
    case 'reasoning-delta':
      return { ...state, content: addReasoning(state.content, event) };
    case 'refusal-delta':
      return { ...state, refusal: state.refusal + event.delta };
    case 'tool-call':
      return {
        ...state,
        toolCalls: [
          ...state.toolCalls.filter((c) => c.index !== event.index),
          { index: event.index, toolCall: event.toolCall },
        ],
      };
    case 'finish':
      return { ...state, finish: event };
    case 'error':
      throw new ConduitError(event.error.message, { isRetryable: event.error.isRetryable });
    case 'tool-call-start':
    case 'tool-call-delta':
    case 'usage':
      return state;
  }
}

/** Same test as the providers' argument parser: did the model send a JSON object (or nothing)? */
function hasValidArguments(call: ToolCall): boolean {
  if (call.rawArguments.trim() === '') return true;
  try {
    const value: unknown = JSON.parse(call.rawArguments);
    return isRecord(value);
  } catch {
    return false;
  }
}

/**
 * Builds the ChatResponse from a fully collected stream. It equals what the provider's
 * non-streamed mapping gives for the same answer: same fields, same `message` (plain text when
 * there is no reasoning, else the parts), and the same note for tool calls whose arguments are not
 * a JSON object. Throws InvalidResponseError if the stream never finished.
 */
export function toChatResponse(state: CollectedStream): ChatResponse {
  const { finish } = state;
  if (finish === undefined) {
    throw new InvalidResponseError('The stream completed without a finish event.', {
      provider: 'unknown',
    });
  }
  const toolCalls = [...state.toolCalls].sort((a, b) => a.index - b.index).map((c) => c.toolCall);
  const warnings = [...state.warnings];
  for (const call of toolCalls) {
    if (!hasValidArguments(call)) {
      warnings.push({
        setting: 'toolCalls',
        message: `tool call ${call.id} (${call.name}) has arguments that are not a JSON object; arguments is {} and rawArguments keeps the text`,
      });
    }
  }
  const text = state.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
  const hasReasoning = state.content.some((part) => part.type === 'reasoning');
  return {
    id: state.id,
    model: state.model,
    text,
    content: state.content,
    toolCalls,
    finishReason: finish.finishReason,
    rawFinishReason: finish.rawFinishReason,
    usage: finish.usage,
    ...(state.refusal !== '' && { refusal: state.refusal }),
    message: {
      role: 'assistant',
      content: hasReasoning ? state.content : text,
      ...(toolCalls.length > 0 && { toolCalls }),
    },
    warnings,
    providerMetadata: finish.providerMetadata,
  };
}

/**
 * Collects a chat stream into the ChatResponse a non-streamed call would have given. Emits once,
 * when the stream completes; errors pass through.
 *
 * @example
 * const answer = await lastValueFrom(chatService.stream('Hi').pipe(collectStream()));
 */
export function collectStream(): OperatorFunction<StreamEvent, ChatResponse> {
  return (source) =>
    new Observable<ChatResponse>((subscriber) => {
      let state = EMPTY_COLLECTED_STREAM;
      // A run of text deltas is joined first and reduced as one: the same content (consecutive
      // deltas extend one text part anyway), without a new state object per delta, which made
      // collecting a long answer cost more than streaming it.
      let pendingText = '';
      const reduceAll = (event: StreamEvent | undefined): void => {
        if (pendingText !== '') {
          state = reduceStreamEvent(state, { type: 'text-delta', delta: pendingText });
          pendingText = '';
        }
        if (event !== undefined) state = reduceStreamEvent(state, event);
      };
      return source.subscribe({
        next: (event) => {
          if (event.type === 'text-delta') {
            pendingText += event.delta;
            return;
          }
          try {
            reduceAll(event);
          } catch (error) {
            subscriber.error(error);
          }
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          let response: ChatResponse;
          try {
            reduceAll(undefined);
            response = toChatResponse(state);
          } catch (error) {
            subscriber.error(error);
            return;
          }
          subscriber.next(response);
          subscriber.complete();
        },
      });
    });
}
