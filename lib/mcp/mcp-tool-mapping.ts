import type { CallToolResult, Tool } from '@modelcontextprotocol/server';
import type { ToolResult } from '../core';
import { isRecord } from '../core/is-record';
import type { RegisteredTool } from '../tools/registered-tool.types';

/**
 * A registered tool as MCP `tools/list` shows it: the same name, description and input JSON
 * Schema the agents send to their model.
 */
export function toMcpTool(tool: RegisteredTool): Tool {
  const annotations =
    tool.options.requiresApproval === true ? { annotations: { destructiveHint: true } } : {};
  return {
    name: tool.name,
    description: tool.description,
    inputSchema: { ...tool.schema, type: 'object' },
    ...annotations,
  };
}

/**
 * An executor result as an MCP `tools/call` result: the text the model would read, and an
 * object return value as `structuredContent` too. Failures stay results (`isError: true`) so
 * the client's model can read them and correct its call.
 */
export function toCallToolResult(result: ToolResult): CallToolResult {
  // The JSON the text holds, not the value itself: a class instance must travel as plain data.
  const structured =
    !result.isError && isRecord(result.value)
      ? { structuredContent: JSON.parse(result.content) as Record<string, unknown> }
      : {};
  return {
    content: [{ type: 'text', text: result.content }],
    ...structured,
    ...(result.isError ? { isError: true } : {}),
  };
}
