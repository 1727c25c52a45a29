/** The `nestjs-conduit/testing` entry point: scripted models and a testing module builder. */
export { MockChatModel } from './mock-chat-model';
export { MockEmbeddingModel, type MockEmbeddingModelOptions } from './mock-embedding-model';
export { MockResponses } from './mock-responses';
export type { MockChatModelOptions, MockResponse, MockToolCall } from './mock-response.types';
export {
  createConduitTestingModule,
  type ConduitTestingModuleOptions,
} from './create-conduit-testing-module';
