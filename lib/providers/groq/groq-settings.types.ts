import type { OpenAICompatibleModelSettings } from '../openai-compatible';

/** Settings of `GroqChatModel`. */
export interface GroqChatModelSettings extends Omit<
  OpenAICompatibleModelSettings,
  'providerName' | 'organization' | 'project' | 'readMetadata'
> {
  /** A GroqCloud model id: `llama-3.3-70b-versatile`, `openai/gpt-oss-120b`, `qwen/qwen3-32b`... */
  readonly model: string;
  /** Your key (`gsk_...`); the module factory reads `GROQ_API_KEY`. */
  readonly apiKey?: string;
  /** Defaults to `https://api.groq.com/openai/v1`. */
  readonly baseUrl?: string;
  /**
   * How reasoning models (qwen3) return their thinking (`reasoning_format`): `parsed` (in a field
   * of its own, mapped to reasoning parts), `raw` (inside the text, in `<think>` tags) or `hidden`.
   * Not for gpt-oss models: use `includeReasoning` there.
   */
  readonly reasoningFormat?: 'parsed' | 'raw' | 'hidden';
  /** `include_reasoning` for gpt-oss models: false drops the reasoning from the answer. */
  readonly includeReasoning?: boolean;
  /** `reasoning_effort`: `low` / `medium` / `high` for gpt-oss, `none` / `default` for qwen3. */
  readonly reasoningEffort?: string;
}
