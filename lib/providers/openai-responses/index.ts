export { OpenAIResponsesChatModel } from './openai-responses-chat-model';
export type {
  OpenAIResponsesModelSettings,
  ResponsesReasoningEffort,
} from './openai-responses-settings.types';
