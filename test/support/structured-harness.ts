import type { TestingModule } from '@nestjs/testing';
import { ChatService } from '../../lib/chat/chat.service';
import type { ChatModel, ModelCapabilities } from '../../lib/core';
import { StructuredOutputService } from '../../lib/structured/structured-output.service';
import { createConduitTestingModule, MockChatModel, type MockResponse } from '../../lib/testing';

export { requestAt } from './mock-requests';

/** What a structured-output spec gets back from {@link StructuredHarness.setup}. */
export interface StructuredSetup {
  readonly structured: StructuredOutputService;
  readonly chat: ChatService;
  readonly model: MockChatModel;
}

/** Builds testing modules wired with StructuredOutputService; each is closed after its test. */
export interface StructuredHarness {
  /** A module whose default model is a MockChatModel scripted with `responses`. */
  setup(
    responses: readonly (MockResponse | string)[],
    capabilities?: Partial<ModelCapabilities>,
  ): Promise<StructuredSetup>;
  /** A module whose default model is `model` (for hand-built models). */
  withModel(model: ChatModel): Promise<StructuredOutputService>;
}

/**
 * Registers an `afterEach` that closes the module the current test built, so specs cannot leak
 * Nest applications between tests. Call it once at the top level of a spec file.
 */
export function useStructuredHarness(): StructuredHarness {
  let moduleRef: TestingModule | undefined;
  afterEach(async () => {
    await moduleRef?.close();
    moduleRef = undefined;
  });

  const compile = async (model: ChatModel): Promise<TestingModule> => {
    moduleRef = await createConduitTestingModule({
      models: { default: model },
      providers: [StructuredOutputService],
    }).compile();
    return moduleRef;
  };

  return {
    async setup(responses, capabilities = {}) {
      const model = new MockChatModel({ responses, capabilities });
      const ref = await compile(model);
      return { structured: ref.get(StructuredOutputService), chat: ref.get(ChatService), model };
    },
    async withModel(model) {
      return (await compile(model)).get(StructuredOutputService);
    },
  };
}
