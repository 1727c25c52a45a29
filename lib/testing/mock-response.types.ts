import type { FinishReason } from '../core/chat-response.types';
import type { ChatRequest } from '../core/chat-options.types';
import type { ModelCapabilities } from '../core/model-info.types';
import type { Usage } from '../core/usage.types';

/** A tool call a mock answer contains. `id` is generated (`call_mock_<call>_<index>`) when absent. */
export interface MockToolCall {
  readonly id?: string;
  readonly name: string;
  /** Defaults to `{}`. */
  readonly arguments?: Record<string, unknown>;
}

/**
 * One scripted answer of `MockChatModel`. Everything is optional: `{}` is an empty answer that
 * finishes with `stop`.
 */
export interface MockResponse {
  /** The answer text. */
  readonly text?: string;
  readonly toolCalls?: readonly MockToolCall[];
  /** Defaults to `tool_calls` when there are tool calls, else `stop`. */
  readonly finishReason?: FinishReason;
  /** Defaults to a deterministic estimate (about 4 characters a token) of the request and the answer. */
  readonly usage?: Usage;
  /** The streamed text deltas. Default: the text cut after each run of whitespace ("Hello ", "world"). */
  readonly chunks?: readonly string[];
  /**
   * Delay in ms before each streamed text delta (and once before a `chat()` answer). Uses RxJS
   * timers, so Jest fake timers drive it.
   */
  readonly delayMs?: number;
  /** Fail the call with this error (build typed ones with `MockResponses`). */
  readonly error?: Error;
  /** For streams with `error`: emit `start` and this many text deltas first, then fail mid-stream. */
  readonly errorAfterChunks?: number;
  /** The response id. Defaults to `mock-response-<call>`. */
  readonly id?: string;
}

/** Options of `new MockChatModel(...)`. */
export interface MockChatModelOptions {
  /** Answers in order, one per call (`chat` and `stream` share the script). A string is `{ text }`. */
  readonly responses?: readonly (MockResponse | string)[];
  /** Computes the answer of each call instead (0-based `callIndex`); wins over `responses`. */
  readonly respond?: (request: ChatRequest, callIndex: number) => MockResponse | string;
  /** Defaults to `mock-model`. */
  readonly modelId?: string;
  /** Defaults to `mock`. */
  readonly provider?: string;
  /** Overrides of the reported capabilities (all true by default). */
  readonly capabilities?: Partial<ModelCapabilities>;
}
