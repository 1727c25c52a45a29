import {
  Body,
  Controller,
  Get,
  HttpCode,
  Post,
  Query,
  Sse,
  type MessageEvent,
} from '@nestjs/common';
import { AgentService, type AgentRunOptions } from 'nestjs-conduit';
import { defer, type Observable } from 'rxjs';
import { CallCostCollector } from '../usage/call-cost-collector';
import type { AgentAnswer } from './agent-answer.types';
import { agentEventsToSse } from './agent-events-to-sse';
import { AgentToolsService, type AgentToolInfo } from './agent-tools.service';
import { AgentRequestDto } from './dto/agent-request.dto';

const SYSTEM =
  'You are the nestjs-conduit demo assistant. Use the tools for the weather, arithmetic, ' +
  'order status and unit conversions; answer in one or two sentences.';

/**
 * `POST /agent` runs the tool loop to its answer; `GET /agent/stream` streams it as SSE;
 * `GET /agent/tools` lists the tools the agent has (local and MCP).
 */
@Controller('agent')
export class AgentController {
  constructor(
    private readonly agents: AgentService,
    private readonly tools: AgentToolsService,
  ) {}

  /** The agent's tools: the `@Tool()` methods and those of the stdio MCP server. */
  @Get('tools')
  listTools(): AgentToolInfo[] {
    return this.tools.list();
  }

  /** The answer, every tool call the model made on the way, the tokens and the cost. */
  @Post()
  @HttpCode(200)
  async run(@Body() body: AgentRequestDto): Promise<AgentAnswer> {
    const costs = new CallCostCollector();
    const result = await this.agents.run(this.options(body.message, costs));
    return {
      text: result.text,
      model: result.response.model,
      toolCalls: result.toolCalls.map(({ toolCall, result: toolResult }) => ({
        name: toolCall.name,
        arguments: toolCall.arguments,
        result: toolResult.content,
        isError: toolResult.isError,
      })),
      iterations: result.iterations,
      usage: result.usage,
      costUsd: costs.totalUsd(),
    };
  }

  /**
   * SSE frames: `text-delta`s, `tool-call-start` / `tool-call-finish` as tools run, then `finish`
   * with usage and cost (or `error`). Closing the connection aborts the model call and the tools.
   */
  @Sse('stream')
  stream(@Query() query: AgentRequestDto): Observable<MessageEvent> {
    // defer: one cost collector per subscription, the run starting only when the client listens.
    return defer(() => {
      const costs = new CallCostCollector();
      return this.agents
        .stream(this.options(query.message, costs))
        .pipe(agentEventsToSse(() => costs.totalUsd()));
    });
  }

  private options(message: string, costs: CallCostCollector): AgentRunOptions {
    return {
      system: SYSTEM,
      prompt: message,
      tools: this.tools.names(),
      maxIterations: 4,
      interceptors: [costs],
    };
  }
}
