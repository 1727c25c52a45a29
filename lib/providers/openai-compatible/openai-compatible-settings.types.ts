import type { ChatRequest, ModelCapabilities } from '../../core';
import type { OpenAIConnectionSettings } from '../shared/openai-wire/openai-settings.types';

/** Settings of `OpenAICompatibleChatModel`: any server that speaks OpenAI's Chat Completions. */
export interface OpenAICompatibleModelSettings extends OpenAIConnectionSettings {
  /** The model id the server knows (`llama3.2`, `Qwen/Qwen2.5-7B-Instruct`). */
  readonly model: string;
  /**
   * What the model can do. These servers differ and cannot be asked, so say it here: the flags are
   * reported by `info()` and override the model catalogue. Unknown models without flags get
   * conservative defaults (see `CONSERVATIVE_CAPABILITIES`) and a one-time warning.
   */
  readonly capabilities?: Partial<ModelCapabilities>;
  /**
   * Ask for token usage at the end of a stream (`stream_options.include_usage`). On by default;
   * turn it off for servers that reject `stream_options` (older llama.cpp and LM Studio builds).
   */
  readonly streamUsage?: boolean;
  /** The server's own response fields for `providerMetadata` (see `OpenAIChatModelSettings`). */
  readonly readMetadata?: (payload: unknown) => Readonly<Record<string, unknown>>;
  /** Adjusts each finished wire body in place (see `OpenAIChatModelSettings.finishBody`). */
  readonly finishBody?: (body: Record<string, unknown>, request: ChatRequest) => void;
}
