export { AzureChatModel } from './azure-chat-model';
export { AzureEmbeddingModel } from './azure-embedding-model';
export type {
  AzureChatModelSettings,
  AzureConnectionSettings,
  AzureEmbeddingModelSettings,
  AzureTokenProvider,
} from './azure-settings.types';
export { AZURE_DEFAULT_API_VERSION } from './resolve-azure-url';
export {
  azureFilteredCategories,
  type AzureContentFilterMetadata,
} from './map-azure-content-filter';
