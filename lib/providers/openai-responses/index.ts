export { OpenAIResponsesChatModel } from './openai-responses-chat-model';
export { createOpenAIChatModel, type OpenAIModelSettings } from './create-openai-chat-model';
export type {
  OpenAIResponsesModelSettings,
  ResponsesReasoningEffort,
} from './openai-responses-settings.types';
