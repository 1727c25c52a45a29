export { XaiChatModel, XAI_DEFAULT_BASE_URL } from './xai-chat-model';
export { normalizeXaiUsage } from './map-xai-usage';
export type { XaiChatModelSettings } from './xai-settings.types';
