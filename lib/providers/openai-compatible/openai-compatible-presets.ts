import { OpenAICompatibleChatModel } from './openai-compatible-chat-model';
import type { OpenAICompatibleModelSettings } from './openai-compatible-settings.types';

/** The local OpenAI-compatible servers nestjs-conduit has presets for. */
export type OpenAICompatiblePresetName = 'ollama' | 'vllm' | 'lm-studio' | 'llama-cpp';

/** Where each server listens by default; the name doubles as `providerName`. */
export const OPENAI_COMPATIBLE_PRESETS: Readonly<
  Record<OpenAICompatiblePresetName, { readonly baseUrl: string }>
> = {
  /** `ollama serve` */
  ollama: { baseUrl: 'http://127.0.0.1:11434/v1' },
  /** `vllm serve <model>` */
  vllm: { baseUrl: 'http://127.0.0.1:8000/v1' },
  /** LM Studio's local server */
  'lm-studio': { baseUrl: 'http://127.0.0.1:1234/v1' },
  /** `llama-server -m model.gguf` */
  'llama-cpp': { baseUrl: 'http://127.0.0.1:8080/v1' },
};

/** Settings of a preset: the model, and anything to change from the preset's defaults. */
export type OpenAICompatiblePresetSettings = Omit<OpenAICompatibleModelSettings, 'providerName'> & {
  readonly preset: OpenAICompatiblePresetName;
};

/**
 * A chat model on a local OpenAI-compatible server, from a preset: the default base URL of the
 * server and its name as `providerName` (used in `info()`, errors and `providerOptions`). No API
 * key is needed unless the server was started with one (vLLM `--api-key`).
 *
 * @example
 * const model = openAICompatiblePreset({
 *   preset: 'ollama',
 *   model: 'qwen3:8b',
 *   capabilities: { tools: true, reasoning: true, maxContextTokens: 40_960 },
 * });
 */
export function openAICompatiblePreset(
  settings: OpenAICompatiblePresetSettings,
): OpenAICompatibleChatModel {
  const { preset, ...rest } = settings;
  return new OpenAICompatibleChatModel({
    baseUrl: OPENAI_COMPATIBLE_PRESETS[preset].baseUrl,
    ...rest,
    providerName: preset,
  });
}
