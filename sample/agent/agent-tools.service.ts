import { Injectable } from '@nestjs/common';
import { ToolRegistry } from 'nestjs-conduit';
import { UNITS_TOOL_PREFIX } from '../mcp/units-mcp-server';
import { DemoToolsService } from './demo-tools.service';

/** One tool of the sample's agent, as `GET /agent/tools` lists it. */
export interface AgentToolInfo {
  readonly name: string;
  readonly description: string;
  /** `'local'`: a `@Tool()` method of the app; `'mcp'`: a tool of the stdio MCP server. */
  readonly origin: 'local' | 'mcp';
}

/**
 * The tools the sample's agent offers its model: `DemoToolsService`'s `@Tool()` methods and the
 * tools of the unit converter MCP server (`units__convert`). Read from `ToolRegistry` at each run,
 * because the remote tools come and go with their server (absent when it did not start, listed
 * again after a reconnection).
 */
@Injectable()
export class AgentToolsService {
  constructor(private readonly registry: ToolRegistry) {}

  /** The tool names for `AgentRunOptions.tools`. */
  names(): string[] {
    return this.list().map((tool) => tool.name);
  }

  /** The tools with their description and where they run, for the chat page. */
  list(): AgentToolInfo[] {
    const local = this.registry.select({ classes: [DemoToolsService] });
    const remote = this.registry.list().filter((tool) => tool.name.startsWith(UNITS_TOOL_PREFIX));
    return [
      ...local.map(({ name, description }) => ({ name, description, origin: 'local' as const })),
      ...remote.map(({ name, description }) => ({ name, description, origin: 'mcp' as const })),
    ];
  }
}
