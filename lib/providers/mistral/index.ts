export { MistralChatModel } from './mistral-chat-model';
export { mistralToolCallId } from './map-mistral-tool-call-id';
