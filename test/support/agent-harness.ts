import type { TestingModule } from '@nestjs/testing';
import { AgentService } from '../../lib/agent/agent.service';
import {
  createConduitTestingModule,
  MockChatModel,
  type MockChatModelOptions,
} from '../../lib/testing';
import { MathTools, ToolLog } from '../fixtures/agent-app/math.tools';

export { requestAt } from './mock-requests';

/** What an agent spec gets back from the setup function {@link useAgentHarness} returns. */
export interface AgentSetup {
  readonly agents: AgentService;
  readonly model: MockChatModel;
  readonly log: ToolLog;
}

/**
 * Registers an `afterEach` that closes the module the current test built, and returns a setup
 * function: an initialised module with the math tools and a MockChatModel playing `script`.
 * Call it once at the top level of a spec file.
 */
export function useAgentHarness(): (script: MockChatModelOptions) => Promise<AgentSetup> {
  let moduleRef: TestingModule | undefined;
  afterEach(async () => {
    await moduleRef?.close();
    moduleRef = undefined;
  });

  return async (script) => {
    const model = new MockChatModel(script);
    moduleRef = await createConduitTestingModule({
      models: { default: model },
      providers: [ToolLog, MathTools],
    }).compile();
    await moduleRef.init();
    return { agents: moduleRef.get(AgentService), model, log: moduleRef.get(ToolLog) };
  };
}
