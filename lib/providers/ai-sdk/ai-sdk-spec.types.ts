// Type-only: nothing of @ai-sdk/provider is loaded at run time. @ai-sdk/provider 3.x declares both
// spec versions, V2 (its 2.x line) and V3, so one devDependency types both mappings.
import type {
  EmbeddingModelV3,
  LanguageModelV2,
  LanguageModelV2CallWarning,
  LanguageModelV2FinishReason,
  LanguageModelV2StreamPart,
  LanguageModelV2Usage,
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3Content,
  LanguageModelV3FinishReason,
  LanguageModelV3FunctionTool,
  LanguageModelV3Message,
  LanguageModelV3Prompt,
  LanguageModelV3StreamPart,
  LanguageModelV3Usage,
  SharedV3ProviderOptions,
  SharedV3Warning,
} from '@ai-sdk/provider';

export type {
  EmbeddingModelV3,
  LanguageModelV2,
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3Content,
  LanguageModelV3FunctionTool,
  LanguageModelV3Message,
  LanguageModelV3Prompt,
  SharedV3ProviderOptions,
};

/** A finish reason of either spec version: a string (V2) or `{ unified, raw }` (V3). */
export type AiSdkFinishReason = LanguageModelV2FinishReason | LanguageModelV3FinishReason;

/** Usage of either spec version: flat (V2) or split into input and output details (V3). */
export type AiSdkUsage = LanguageModelV2Usage | LanguageModelV3Usage;

/** A call warning of either spec version. */
export type AiSdkWarning = LanguageModelV2CallWarning | SharedV3Warning;

/** A stream part of either spec version. */
export type AiSdkStreamPart = LanguageModelV2StreamPart | LanguageModelV3StreamPart;

/** The generate result fields the adapter reads, common to both spec versions. */
export interface AiSdkGenerateResult {
  readonly content: readonly LanguageModelV3Content[];
  readonly finishReason: AiSdkFinishReason;
  readonly usage: AiSdkUsage;
  readonly providerMetadata?: Readonly<Record<string, unknown>>;
  readonly response?: { readonly id?: string; readonly modelId?: string };
  readonly warnings?: readonly AiSdkWarning[];
}
