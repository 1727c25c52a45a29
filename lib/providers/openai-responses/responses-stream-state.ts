import {
  InvalidResponseError,
  type CallWarning,
  type StreamEvent,
  type ToolCall,
} from '../../core';
import type { OpenAIErrorContext } from '../shared/openai-wire/openai-errors';
import { openAIProviderMetadata } from '../shared/openai-wire/openai-provider-metadata';
import { parseToolArguments } from '../shared/parse-tool-arguments';
import { isWireIndex, MAX_TOOL_CALLS_PER_RESPONSE } from '../shared/stream-limits';
import { isRecord, optionalNumber, optionalString, type WireRecord } from '../shared/wire-data';
import { mapResponsesFinishReason } from './map-responses-finish-reason';
import { reasoningPartsOf, SUMMARY_SEPARATOR, toolCallOf } from './map-responses-response';
import { mapResponsesUsage } from './map-responses-usage';
import { mapResponsesError } from './responses-errors';

/** A function call being streamed: its place among the answer's tool calls and its text so far. */
interface PendingCall {
  readonly index: number;
  readonly id: string;
  readonly name: string;
  arguments: string;
  done: boolean;
}

/**
 * Turns Responses API stream events (`response.created`, `response.output_text.delta`,
 * `response.function_call_arguments.delta`, `response.reasoning_summary_text.delta`,
 * `response.completed`...) into StreamEvents, one payload at a time. Emits `start` once, deltas as
 * they come, a complete `tool-call` per function call, and `usage` + `finish` on
 * `response.completed` / `response.incomplete`. `error` and `response.failed` events throw the
 * mapped typed error. Events after the terminal one are ignored. An `output_index` that is not a
 * non-negative integer, or more than `MAX_TOOL_CALLS_PER_RESPONSE` function calls, fails the stream
 * with InvalidResponseError.
 */
export class ResponsesStreamState {
  private started = false;
  private finished = false;
  private readonly calls = new Map<number, PendingCall>();
  private toolCount = 0;

  /**
   * Who answers, with the API key for redaction: `#` keeps it out of printouts, without the
   * per-stream cost of hiding a property.
   */
  readonly #context: OpenAIErrorContext;

  constructor(
    context: OpenAIErrorContext,
    private readonly requestWarnings: readonly CallWarning[] = [],
  ) {
    this.#context = context;
  }

  /** True once `response.completed` or `response.incomplete` was handled. */
  get done(): boolean {
    return this.finished;
  }

  /** Handles one event payload (the parsed `data:` JSON); returns the events to emit, in order. */
  handle(payload: unknown): StreamEvent[] {
    if (this.finished || !isRecord(payload)) return [];
    const out: StreamEvent[] = [];
    const type = optionalString(payload['type']);
    if (type === 'error') throw mapResponsesError(payload, this.#context);
    if (type === 'response.failed') {
      const response = isRecord(payload['response']) ? payload['response'] : {};
      throw mapResponsesError(
        response['error'] ?? { message: 'the response failed' },
        this.#context,
      );
    }
    this.ensureStart(payload, out);
    switch (type) {
      case 'response.output_text.delta':
        this.delta(payload, (delta) => out.push({ type: 'text-delta', delta }));
        break;
      case 'response.refusal.delta':
        this.delta(payload, (delta) => out.push({ type: 'refusal-delta', delta }));
        break;
      case 'response.reasoning_summary_text.delta':
        this.delta(payload, (delta) => out.push({ type: 'reasoning-delta', delta }));
        break;
      case 'response.reasoning_summary_part.added':
        // Summary parts of one item are joined with a blank line, as in the non-streamed answer.
        if ((optionalNumber(payload['summary_index']) ?? 0) > 0) {
          out.push({ type: 'reasoning-delta', delta: SUMMARY_SEPARATOR });
        }
        break;
      case 'response.function_call_arguments.delta':
        this.argumentsDelta(payload, out);
        break;
      case 'response.output_item.added':
        this.itemAdded(payload, out);
        break;
      case 'response.output_item.done':
        this.itemDone(payload, out);
        break;
      case 'response.completed':
      case 'response.incomplete':
        this.complete(payload, out);
        break;
    }
    return out;
  }

  /** Call when the body ended: a stream cut before its terminal event is an error, never a silent end. */
  end(): void {
    if (this.finished) return;
    throw new InvalidResponseError(
      `${this.#context.provider} stream ended before response.completed (connection cut or server error)`,
      { provider: this.#context.provider },
    );
  }

  private ensureStart(payload: WireRecord, out: StreamEvent[]): void {
    if (this.started) return;
    this.started = true;
    const response = isRecord(payload['response']) ? payload['response'] : {};
    out.push({
      type: 'start',
      id: optionalString(response['id']) ?? '',
      model: optionalString(response['model']) ?? '',
      warnings: this.requestWarnings,
    });
  }

  private delta(payload: WireRecord, emit: (delta: string) => void): void {
    const delta = optionalString(payload['delta']);
    if (delta !== undefined && delta !== '') emit(delta);
  }

  private itemAdded(payload: WireRecord, out: StreamEvent[]): void {
    const item = payload['item'];
    if (!isRecord(item) || item['type'] !== 'function_call') return;
    const outputIndex = this.outputIndexOf(payload);
    if (this.toolCount >= MAX_TOOL_CALLS_PER_RESPONSE) {
      throw this.invalid(
        `the answer holds more than ${MAX_TOOL_CALLS_PER_RESPONSE} tool calls (MAX_TOOL_CALLS_PER_RESPONSE)`,
      );
    }
    const call: PendingCall = {
      index: this.toolCount++,
      id: optionalString(item['call_id']) ?? optionalString(item['id']) ?? '',
      name: optionalString(item['name']) ?? '',
      arguments: '',
      done: false,
    };
    this.calls.set(outputIndex, call);
    out.push({ type: 'tool-call-start', index: call.index, id: call.id, name: call.name });
    const initial = optionalString(item['arguments']) ?? '';
    if (initial !== '') this.appendArguments(call, initial, out);
  }

  private argumentsDelta(payload: WireRecord, out: StreamEvent[]): void {
    const call = this.calls.get(this.outputIndexOf(payload));
    const delta = optionalString(payload['delta']);
    if (call !== undefined && delta !== undefined && delta !== '')
      this.appendArguments(call, delta, out);
  }

  private appendArguments(call: PendingCall, delta: string, out: StreamEvent[]): void {
    call.arguments += delta;
    out.push({ type: 'tool-call-delta', index: call.index, id: call.id, argumentsDelta: delta });
  }

  private itemDone(payload: WireRecord, out: StreamEvent[]): void {
    const item = payload['item'];
    if (!isRecord(item)) return;
    if (item['type'] === 'reasoning') {
      // The summary text already streamed: these events close its part with the item id and add
      // the encrypted reasoning as a part of its own, exactly the parts the whole answer holds.
      for (const { signature, redactedData } of reasoningPartsOf(item)) {
        out.push({
          type: 'reasoning-delta',
          delta: '',
          ...(signature !== undefined && { signature }),
          ...(redactedData !== undefined && { redactedData }),
        });
      }
    } else if (item['type'] === 'function_call') {
      const call = this.calls.get(this.outputIndexOf(payload));
      if (call === undefined || call.done) return;
      call.done = true;
      out.push({ type: 'tool-call', index: call.index, toolCall: toolCallOf(item) });
    }
  }

  /**
   * The `output_index` calls are keyed on (-1 when missing). A Map key, so a huge index costs
   * nothing, but one that is not a non-negative integer is a broken stream.
   */
  private outputIndexOf(payload: WireRecord): number {
    const index = payload['output_index'];
    if (index === undefined || index === null) return -1;
    if (!isWireIndex(index)) {
      throw this.invalid('an output_index is not a non-negative integer');
    }
    return index;
  }

  /** No body attached: the event may echo request data, and the message says what was wrong. */
  private invalid(message: string): InvalidResponseError {
    return new InvalidResponseError(`${this.#context.provider}: ${message}`, {
      provider: this.#context.provider,
    });
  }

  private complete(payload: WireRecord, out: StreamEvent[]): void {
    const response = isRecord(payload['response']) ? payload['response'] : {};
    // A call whose `output_item.done` never came is completed from the streamed argument text.
    for (const call of this.calls.values()) {
      if (call.done) continue;
      const toolCall: ToolCall = {
        id: call.id,
        name: call.name,
        arguments: parseToolArguments(call.arguments).arguments,
        rawArguments: call.arguments,
      };
      out.push({ type: 'tool-call', index: call.index, toolCall });
    }
    const usage = mapResponsesUsage(response['usage'], { provider: this.#context.provider });
    out.push({ type: 'usage', usage });
    out.push({
      type: 'finish',
      ...mapResponsesFinishReason(response, this.toolCount > 0),
      usage,
      providerMetadata: openAIProviderMetadata(
        this.#context.provider,
        undefined,
        optionalString(response['service_tier']),
      ),
    });
    this.finished = true;
  }
}
