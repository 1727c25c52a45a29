import { isRecord, optionalNumber, optionalString, type WireRecord } from '../shared/wire-data';

/** Where Groq's time went on one call, in seconds, as Groq reports it in its usage. */
export interface GroqTimings {
  /** Waiting in Groq's queue before the model started (`queue_time`). */
  readonly queueTime?: number;
  /** Reading the prompt (`prompt_time`). */
  readonly promptTime?: number;
  /** Generating the answer (`completion_time`). */
  readonly completionTime?: number;
  /** Prompt and completion together (`total_time`; the queue is not in it). */
  readonly totalTime?: number;
}

/** What Groq adds to an answer, kept under `providerMetadata.groq`. */
export interface GroqMetadata {
  /** Groq's request id (`x_groq.id`, `req_...`): what Groq support asks for. */
  readonly requestId?: string;
  /** The sampling seed Groq used (`x_groq.seed`): send it back as `seed` to reproduce an answer. */
  readonly seed?: number;
  readonly timings?: GroqTimings;
}

const TIMING_FIELDS = [
  ['queueTime', 'queue_time'],
  ['promptTime', 'prompt_time'],
  ['completionTime', 'completion_time'],
  ['totalTime', 'total_time'],
] as const;

function readTimings(usage: unknown): GroqTimings | undefined {
  if (!isRecord(usage)) return undefined;
  const timings: Record<string, number> = {};
  for (const [name, field] of TIMING_FIELDS) {
    const value = optionalNumber(usage[field]);
    if (value !== undefined) timings[name] = value;
  }
  return Object.keys(timings).length > 0 ? timings : undefined;
}

/**
 * Groq's metadata in a non-streamed body or in one stream chunk: `x_groq.id` and `x_groq.seed`,
 * and the timings of the usage (top-level `usage`, or `x_groq.usage` where older streams put it).
 * Fields the payload does not carry are absent; `{}` for a payload without any. A stream sends the
 * id and seed on its first chunk and the timings on its last: merged field by field (later chunks
 * winning) they give what the non-streamed body gives at once.
 */
export function readGroqMetadata(payload: unknown): GroqMetadata {
  if (!isRecord(payload)) return {};
  const groq: WireRecord = isRecord(payload['x_groq']) ? payload['x_groq'] : {};
  const requestId = optionalString(groq['id']);
  const seed = optionalNumber(groq['seed']);
  const timings = readTimings(payload['usage']) ?? readTimings(groq['usage']);
  return {
    ...(requestId !== undefined && { requestId }),
    ...(seed !== undefined && { seed }),
    ...(timings !== undefined && { timings }),
  };
}
