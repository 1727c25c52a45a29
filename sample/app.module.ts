import {
  Inject,
  Logger,
  Module,
  ValidationPipe,
  type DynamicModule,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import {
  ConduitMemoryModule,
  ConduitModule,
  CostTracker,
  SseBatchingInterceptor,
  WindowedMemoryStrategy,
} from 'nestjs-conduit';
import { ConduitMcpModule } from 'nestjs-conduit/mcp';
import { AgentModule } from './agent/agent.module';
import { DemoToolsService } from './agent/demo-tools.service';
import { ChatModule } from './chat/chat.module';
import { chooseChatModel, type SampleModelChoice } from './choose-chat-model';
import { chooseEmbeddingModel } from './choose-embedding-model';
import { SampleExceptionFilter } from './errors/sample-exception.filter';
import { ExtractModule } from './extract/extract.module';
import { GuardedChatModule } from './guardrails/guarded-chat.module';
import { HealthModule } from './health/health.module';
import { unitsMcpClient, UNITS_MCP_SERVER } from './mcp/units-mcp-server';
import { MemoryModule } from './memory/memory.module';
import { PageModule } from './page/page.module';
import { SampleRagModule } from './rag/rag.module';
import { ResearchModule } from './research/research.module';
import { sampleRuns } from './research/sample-runs';
import { SAMPLE_MODEL_CHOICE } from './sample.constants';
import type { SampleEnv } from './sample-env';
import { sampleInterceptors } from './usage/sample-interceptors';
import { UsageModule } from './usage/usage.module';
import { WorkflowModule } from './workflow/workflow.module';

/** The sample app. Build it with `AppModule.forRoot(process.env)` (tests pass their own env). */
@Module({})
export class AppModule implements OnApplicationBootstrap {
  /**
   * Picks the model from `env` (see chooseChatModel) and wires ConduitModule (with the logging,
   * cost, retry and timeout interceptors), the conversation memory and one module per feature.
   */
  static forRoot(env: SampleEnv): DynamicModule {
    const chat = chooseChatModel(env);
    const embeddings = chooseEmbeddingModel(env);
    const choice: SampleModelChoice = {
      model: chat.model,
      description: `${chat.description} ${embeddings.description}`,
    };
    const costs = new CostTracker();
    const runs = sampleRuns(env);
    return {
      module: AppModule,
      imports: [
        ConduitModule.forRoot({
          models: { default: choice.model },
          embeddingModels: { default: embeddings.model },
          interceptors: sampleInterceptors(costs),
          // Durable runs (the background research agent): in Redis with REDIS_URL, else in memory.
          runs: runs.options,
          isGlobal: true,
        }),
        ConduitMemoryModule.forRoot({ strategy: new WindowedMemoryStrategy({ maxMessages: 20 }) }),
        // The agent's demo tools, served to MCP clients (Claude Desktop, IDEs) at /mcp; and the
        // tools of a second MCP server, a unit converter started over stdio, for the agent.
        ConduitMcpModule.forRoot({
          path: '/mcp',
          name: 'nestjs-conduit-sample',
          version: '0.1.0',
          tools: { classes: [DemoToolsService] },
          clients: { [UNITS_MCP_SERVER]: unitsMcpClient() },
        }),
        ChatModule,
        GuardedChatModule,
        AgentModule,
        ExtractModule,
        MemoryModule,
        WorkflowModule,
        ResearchModule.forRoot(env, runs),
        SampleRagModule.forRoot(),
        UsageModule.forRoot(costs),
        PageModule.forRoot(choice),
        HealthModule,
      ],
      providers: [
        { provide: SAMPLE_MODEL_CHOICE, useValue: choice },
        // Conduit errors become proper HTTP answers (422, 429, 502/503/504) instead of 500s.
        { provide: APP_FILTER, useClass: SampleExceptionFilter },
        // Every @Sse() route sends the frames of one event-loop turn in one socket write: a run's
        // event log replayed after a reconnect arrives all at once. Other routes are left alone.
        { provide: APP_INTERCEPTOR, useClass: SseBatchingInterceptor },
        {
          provide: APP_PIPE,
          useValue: new ValidationPipe({
            whitelist: true,
            forbidNonWhitelisted: true,
            transform: true,
          }),
        },
      ],
    };
  }

  private readonly logger = new Logger('Sample');

  constructor(@Inject(SAMPLE_MODEL_CHOICE) private readonly choice: SampleModelChoice) {}

  /** Says at startup which model answers, so nobody mistakes the demo echo for a real LLM. */
  onApplicationBootstrap(): void {
    this.logger.log(this.choice.description);
  }
}
