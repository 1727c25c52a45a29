import {
  InvalidResponseError,
  type CallWarning,
  type StreamEvent,
  type ToolCall,
} from '../../core';
import { parseToolArguments } from '../shared/parse-tool-arguments';
import { isWireIndex, MAX_TOOL_CALLS_PER_RESPONSE } from '../shared/stream-limits';
import { isRecord, optionalString, type WireRecord } from '../shared/wire-data';
import {
  ANTHROPIC_PROVIDER,
  mapAnthropicStreamError,
  type AnthropicErrorContext,
} from './anthropic-errors';
import { anthropicProviderMetadata, refusalExplanation } from './anthropic-response-parts';
import { mapAnthropicStopReason } from './map-anthropic-stop-reason';
import { mapAnthropicUsage, mergeAnthropicUsage } from './map-anthropic-usage';

/** The events that only make sense inside a started message. */
const MESSAGE_EVENTS = new Set([
  'content_block_start',
  'content_block_delta',
  'content_block_stop',
  'message_delta',
  'message_stop',
]);

/**
 * The most content blocks open at once. Anthropic streams them one after the other (each stops
 * before the next starts); the bound keeps a server that never stops its blocks from growing the
 * state without end.
 */
const MAX_OPEN_BLOCKS = MAX_TOOL_CALLS_PER_RESPONSE;

/** A content block in progress, by its `index`. */
type OpenBlock =
  | { readonly kind: 'text' | 'thinking' | 'other' }
  | {
      readonly kind: 'tool';
      /** Position among the tool calls of this answer (not the block index). */
      readonly index: number;
      readonly id: string;
      readonly name: string;
      /** The `input` of `content_block_start`, used when no `input_json_delta` follows. */
      readonly initialInput: WireRecord;
      args: string;
    };

/** What the stream state needs besides the events: redaction secrets and the response's request id. */
export interface AnthropicStreamContext extends AnthropicErrorContext {
  /** The `request-id` response header, attached to errors sent inside the stream. */
  readonly requestId?: string | undefined;
}

/**
 * Turns Messages API stream events into StreamEvents. Feed each parsed `data:` payload to
 * `push()`; call `finish()` when the body ends.
 *
 * - `message_start` -> `start` (id, model, request warnings); its usage is the base that
 *   `message_delta` usage (cumulative) updates.
 * - `content_block_start/delta/stop`: `text_delta` -> `text-delta`; `thinking_delta` ->
 *   `reasoning-delta`; `signature_delta` -> a `reasoning-delta` with empty text and the signature
 *   (it closes the thinking block); a `redacted_thinking` block -> one `reasoning-delta` with its
 *   `redactedData`; a `tool_use` block -> `tool-call-start`, `tool-call-delta` per
 *   `input_json_delta` (fragments may end mid-token), and the parsed `tool-call` at its
 *   `content_block_stop`. Empty deltas are skipped.
 * - `message_delta` keeps the stop reason, stop sequence and details; `message_stop` emits a
 *   `refusal-delta` (a refusal's explanation, when sent), `usage` and `finish`.
 * - `ping` anywhere, `[DONE]`, citations and unknown event types are ignored. An `error` event
 *   throws the mapped typed error (`overloaded_error` -> retryable ServerError).
 * - A stream that ends before `message_stop` fails with InvalidResponseError: the end of an answer
 *   is never silently lost. So does a block `index` that is not a non-negative integer, more than
 *   `MAX_TOOL_CALLS_PER_RESPONSE` tool calls, or as many blocks open at once.
 */
export class AnthropicStreamState {
  private started = false;
  private stopped = false;
  private usage: WireRecord = {};
  private stopReason: string | null = null;
  private stopSequence: unknown = null;
  private stopDetails: unknown = null;
  private toolCount = 0;
  private readonly blocks = new Map<number, OpenBlock>();

  /**
   * Who answers, with the API key for redaction: `#` keeps it out of printouts, without the
   * per-stream cost of hiding a property.
   */
  readonly #context: AnthropicStreamContext;

  constructor(
    context: AnthropicStreamContext,
    private readonly warnings: readonly CallWarning[] = [],
  ) {
    this.#context = context;
  }

  /** Maps one event payload to the StreamEvents it carries (often one, sometimes none). */
  push(payload: unknown): StreamEvent[] {
    if (payload === '[DONE]' || this.stopped) return [];
    if (!isRecord(payload)) throw this.invalid('a stream event is not a JSON object', payload);
    const type = payload['type'];
    if (type === 'error') {
      throw mapAnthropicStreamError(payload, this.#context, this.#context.requestId);
    }
    if (type === 'ping') return [];
    if (type === 'message_start') return this.start(payload);
    // Anthropic may add event types at any time: unknown ones are skipped, even before the start.
    if (!this.started && typeof type === 'string' && MESSAGE_EVENTS.has(type))
      throw this.invalid(`"${type}" arrived before message_start`, payload);
    if (!this.started) return [];
    switch (type) {
      case 'content_block_start':
        return this.blockStart(payload);
      case 'content_block_delta':
        return this.blockDelta(payload);
      case 'content_block_stop':
        return this.blockStop(payload);
      case 'message_delta':
        this.messageDelta(payload);
        return [];
      case 'message_stop':
        return this.stop();
      default:
        return [];
    }
  }

  /** Call when the body ended; throws InvalidResponseError if `message_stop` never came. */
  finish(): StreamEvent[] {
    if (!this.stopped) {
      throw this.invalid('the stream ended before message_stop: the answer is incomplete');
    }
    return [];
  }

  private start(payload: WireRecord): StreamEvent[] {
    if (this.started) throw this.invalid('a second message_start arrived', payload);
    this.started = true;
    const message = isRecord(payload['message']) ? payload['message'] : {};
    if (isRecord(message['usage'])) this.usage = message['usage'];
    return [
      {
        type: 'start',
        id: optionalString(message['id']) ?? '',
        model: optionalString(message['model']) ?? '',
        warnings: this.warnings,
      },
    ];
  }

  /**
   * The block `index` of an event; `fallback` when it is missing. Blocks are keyed by it in a Map,
   * so a huge index costs nothing, but one that is not a non-negative integer is a broken stream.
   */
  private blockIndexOf(payload: WireRecord, fallback: number): number {
    const index = payload['index'];
    if (index === undefined || index === null) return fallback;
    if (!isWireIndex(index)) {
      throw this.invalid('a content block index is not a non-negative integer', payload);
    }
    return index;
  }

  private blockStart(payload: WireRecord): StreamEvent[] {
    const index = this.blockIndexOf(payload, this.blocks.size);
    if (!this.blocks.has(index) && this.blocks.size >= MAX_OPEN_BLOCKS) {
      throw this.invalid(`more than ${MAX_OPEN_BLOCKS} content blocks are open at once`);
    }
    const block = isRecord(payload['content_block']) ? payload['content_block'] : {};
    switch (block['type']) {
      case 'text': {
        this.blocks.set(index, { kind: 'text' });
        const text = optionalString(block['text']);
        return text ? [{ type: 'text-delta', delta: text }] : [];
      }
      case 'thinking': {
        this.blocks.set(index, { kind: 'thinking' });
        const thinking = optionalString(block['thinking']);
        return thinking ? [{ type: 'reasoning-delta', delta: thinking }] : [];
      }
      case 'redacted_thinking':
        this.blocks.set(index, { kind: 'other' });
        return [
          { type: 'reasoning-delta', delta: '', redactedData: optionalString(block['data']) ?? '' },
        ];
      case 'tool_use': {
        if (this.toolCount >= MAX_TOOL_CALLS_PER_RESPONSE) {
          throw this.invalid(
            `the answer holds more than ${MAX_TOOL_CALLS_PER_RESPONSE} tool calls (MAX_TOOL_CALLS_PER_RESPONSE)`,
          );
        }
        const tool = {
          kind: 'tool' as const,
          index: this.toolCount++,
          id: optionalString(block['id']) ?? '',
          name: optionalString(block['name']) ?? '',
          initialInput: isRecord(block['input']) ? block['input'] : {},
          args: '',
        };
        this.blocks.set(index, tool);
        return [{ type: 'tool-call-start', index: tool.index, id: tool.id, name: tool.name }];
      }
      default:
        // Server tools (web search, code execution) have no neutral form yet.
        this.blocks.set(index, { kind: 'other' });
        return [];
    }
  }

  private blockDelta(payload: WireRecord): StreamEvent[] {
    const block = this.blocks.get(this.blockIndexOf(payload, -1));
    const delta = payload['delta'];
    if (block === undefined || !isRecord(delta)) {
      throw this.invalid('content_block_delta for a block that was never started', payload);
    }
    switch (delta['type']) {
      case 'text_delta': {
        const text = optionalString(delta['text']);
        return text ? [{ type: 'text-delta', delta: text }] : [];
      }
      case 'thinking_delta': {
        const thinking = optionalString(delta['thinking']);
        return thinking ? [{ type: 'reasoning-delta', delta: thinking }] : [];
      }
      case 'signature_delta': {
        const signature = optionalString(delta['signature']);
        return signature ? [{ type: 'reasoning-delta', delta: '', signature }] : [];
      }
      case 'input_json_delta': {
        const fragment = optionalString(delta['partial_json']);
        if (block.kind !== 'tool' || !fragment) return [];
        block.args += fragment;
        return [
          { type: 'tool-call-delta', index: block.index, id: block.id, argumentsDelta: fragment },
        ];
      }
      default:
        return [];
    }
  }

  private blockStop(payload: WireRecord): StreamEvent[] {
    const index = this.blockIndexOf(payload, -1);
    const block = this.blocks.get(index);
    this.blocks.delete(index);
    if (block?.kind !== 'tool') return [];
    const rawArguments =
      block.args === '' && Object.keys(block.initialInput).length > 0
        ? JSON.stringify(block.initialInput)
        : block.args;
    const toolCall: ToolCall = {
      id: block.id,
      name: block.name,
      arguments: parseToolArguments(rawArguments).arguments,
      rawArguments,
    };
    return [{ type: 'tool-call', index: block.index, toolCall }];
  }

  private messageDelta(payload: WireRecord): void {
    const delta = isRecord(payload['delta']) ? payload['delta'] : {};
    if ('stop_reason' in delta) this.stopReason = optionalString(delta['stop_reason']) ?? null;
    if ('stop_sequence' in delta) this.stopSequence = delta['stop_sequence'];
    if ('stop_details' in delta) this.stopDetails = delta['stop_details'];
    this.usage = mergeAnthropicUsage(this.usage, payload['usage']);
  }

  private stop(): StreamEvent[] {
    this.stopped = true;
    const events: StreamEvent[] = [];
    const refusal = refusalExplanation(this.stopReason, this.stopDetails);
    if (refusal !== undefined) events.push({ type: 'refusal-delta', delta: refusal });
    const usage = mapAnthropicUsage(this.usage);
    events.push({ type: 'usage', usage });
    events.push({
      type: 'finish',
      finishReason: mapAnthropicStopReason(this.stopReason),
      rawFinishReason: this.stopReason,
      usage,
      providerMetadata: anthropicProviderMetadata({
        stopSequence: this.stopSequence,
        stopDetails: this.stopDetails,
        usage: this.usage,
      }),
    });
    return events;
  }

  /** The error of an event that breaks the protocol; the event it keeps is redacted of the key. */
  private invalid(message: string, body?: unknown): InvalidResponseError {
    return new InvalidResponseError(`anthropic: ${message}`, {
      provider: ANTHROPIC_PROVIDER,
      ...(body !== undefined && { body }),
      ...(this.#context.requestId !== undefined && { requestId: this.#context.requestId }),
      secrets: this.#context.secrets,
    });
  }
}
