import type { CallWarning, StreamEvent } from '../../core';
import { readReasoningMetadata } from './ai-sdk-reasoning-metadata';
import type { AiSdkStreamPart } from './ai-sdk-spec.types';
import { toToolCall } from './map-ai-sdk-response';
import { mapAiSdkFinishReason } from './map-ai-sdk-finish-reason';
import { mapAiSdkUsage } from './map-ai-sdk-usage';
import { mapAiSdkWarnings } from './map-ai-sdk-warnings';

/** What one stream part gave: events to emit, or the payload of an `error` part. */
export type AiSdkStreamStep =
  | { readonly events: readonly StreamEvent[] }
  | { readonly events: readonly StreamEvent[]; readonly error: unknown };

/**
 * Turns the spec's stream parts (the same in V2 and V3 but for `finish` usage and reasoning, and
 * `stream-start` warnings) into our events. `start` waits for `response-metadata` (id and model,
 * sent after `stream-start`), or goes out with what is known before the first part that carries
 * content. Tool calls get an index in the order they begin; a `tool-call` without `tool-input-*`
 * parts before it (providers that do not stream arguments) gets its `tool-call-start` on the spot.
 */
export class AiSdkStreamState {
  private started = false;
  private finished = false;
  private warnings: readonly CallWarning[] = [];
  private id = '';
  private model: string;
  private readonly toolIndexes = new Map<string, number>();

  constructor(modelId: string) {
    this.model = modelId;
  }

  /** True once the `finish` part arrived. */
  get isFinished(): boolean {
    return this.finished;
  }

  /** The events of one part. */
  next(part: AiSdkStreamPart): AiSdkStreamStep {
    switch (part.type) {
      case 'stream-start':
        this.warnings = mapAiSdkWarnings(part.warnings);
        return { events: [] };
      case 'response-metadata':
        if (part.id !== undefined) this.id = part.id;
        if (part.modelId !== undefined) this.model = part.modelId;
        return { events: this.start() };
      case 'error':
        return { events: [], error: part.error };
      case 'raw':
        return { events: [] };
    }
    return { events: [...this.start(), ...this.content(part)] };
  }

  private start(): StreamEvent[] {
    if (this.started) return [];
    this.started = true;
    return [{ type: 'start', id: this.id, model: this.model, warnings: this.warnings }];
  }

  private content(part: AiSdkStreamPart): StreamEvent[] {
    switch (part.type) {
      case 'text-delta':
        return part.delta === '' ? [] : [{ type: 'text-delta', delta: part.delta }];
      case 'reasoning-delta': {
        // Anthropic's package sends a signature as an empty delta with provider metadata.
        const extra = readReasoningMetadata(part.providerMetadata);
        return part.delta === '' && Object.keys(extra).length === 0
          ? []
          : [{ type: 'reasoning-delta', delta: part.delta, ...extra }];
      }
      case 'reasoning-start':
      case 'reasoning-end': {
        // Redacted reasoning comes whole on reasoning-start; other packages sign on reasoning-end.
        const extra = readReasoningMetadata(part.providerMetadata);
        return Object.keys(extra).length === 0
          ? []
          : [{ type: 'reasoning-delta', delta: '', ...extra }];
      }
      case 'tool-input-start':
        return part.providerExecuted === true ? [] : [this.toolStart(part.id, part.toolName)];
      case 'tool-input-delta': {
        const index = this.toolIndexes.get(part.id);
        return index === undefined || part.delta === ''
          ? []
          : [{ type: 'tool-call-delta', index, id: part.id, argumentsDelta: part.delta }];
      }
      case 'tool-call': {
        if (part.providerExecuted === true) return [];
        const known = this.toolIndexes.get(part.toolCallId);
        const opening = known === undefined ? [this.toolStart(part.toolCallId, part.toolName)] : [];
        const index = this.toolIndexes.get(part.toolCallId) ?? 0;
        const toolCall = toToolCall(part.toolCallId, part.toolName, part.input);
        return [...opening, { type: 'tool-call', index, toolCall }];
      }
      case 'finish': {
        this.finished = true;
        const usage = mapAiSdkUsage(part.usage);
        return [
          { type: 'usage', usage },
          {
            type: 'finish',
            ...mapAiSdkFinishReason(part.finishReason),
            usage,
            providerMetadata: part.providerMetadata ?? {},
          },
        ];
      }
      default:
        // text-start/-end, tool-input-end, provider-run tool results, sources, files, approvals.
        return [];
    }
  }

  private toolStart(id: string, name: string): StreamEvent {
    const index = this.toolIndexes.size;
    this.toolIndexes.set(id, index);
    return { type: 'tool-call-start', index, id, name };
  }
}
