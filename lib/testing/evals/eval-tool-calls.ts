import { isRecord } from '../../core/is-record';
import type { EvalToolCall } from './eval.types';

/** `{ name, arguments }`, `{ toolCall: { name, arguments } }` (an agent record), else undefined. */
function readCall(entry: unknown): EvalToolCall | undefined {
  const call = isRecord(entry) && isRecord(entry.toolCall) ? entry.toolCall : entry;
  if (!isRecord(call) || typeof call.name !== 'string') return undefined;
  return { name: call.name, arguments: isRecord(call.arguments) ? call.arguments : {} };
}

/**
 * The tool calls an output carries, so `toolCalled` works on what tasks naturally return: an
 * `AgentResult` (its `toolCalls` records), a `ChatResponse` or the sample's agent answer (a
 * `toolCalls` list of `{ name, arguments }`), or a `chatWithContext` result (`response.toolCalls`).
 */
export function toolCallsOf(output: unknown): EvalToolCall[] {
  if (!isRecord(output)) return [];
  const list = Array.isArray(output.toolCalls)
    ? (output.toolCalls as unknown[])
    : isRecord(output.response) && Array.isArray(output.response.toolCalls)
      ? (output.response.toolCalls as unknown[])
      : [];
  return list.map(readCall).filter((call): call is EvalToolCall => call !== undefined);
}
