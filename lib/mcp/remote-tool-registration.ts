import type { CallToolResult, Tool } from '@modelcontextprotocol/client';
import type { ToolHandler, ToolRegistration } from '../tools/registered-tool.types';
import { ToolError } from '../tools/tool.error';
import { MCP_TOOL_NAME_SEPARATOR, MCP_TOOL_SOURCE_PREFIX } from './mcp.constants';
import type { McpClientOptions } from './mcp-options.types';

/** Calls one tool of the remote server; the signal cancels the remote call. */
export type RemoteToolCall = (
  name: string,
  args: Record<string, unknown>,
  signal: AbortSignal,
) => Promise<CallToolResult>;

/**
 * The name a remote tool is registered under: `<prefix>__<name>` (prefix: the server's key
 * unless `prefix` says otherwise), with characters tool names may not hold replaced by `_`.
 */
export function remoteToolName(server: string, options: McpClientOptions, name: string): string {
  const prefix = options.prefix ?? server;
  const full = prefix === '' ? name : `${prefix}${MCP_TOOL_NAME_SEPARATOR}${name}`;
  return full.replace(/[^a-zA-Z0-9_-]/g, '_');
}

/** The text of a result's content: text parts as they are, other parts as JSON. */
export function callResultText(result: CallToolResult): string {
  const content = Array.isArray(result.content) ? result.content : [];
  return content
    .map((part) => (part.type === 'text' ? part.text : JSON.stringify(part)))
    .join('\n');
}

/**
 * A remote tool as a `ToolRegistry` registration: its input schema validates the arguments
 * before the call (`ToolExecutor`), the server's and the tool's policies apply, and a remote
 * error result becomes a `ToolError` whose text the model reads.
 */
export function remoteToolRegistration(
  server: string,
  options: McpClientOptions,
  tool: Tool,
  call: RemoteToolCall,
): ToolRegistration {
  const policy = { ...pick(options), ...pick(options.tools?.[tool.name] ?? {}) };
  const handler: ToolHandler = async (args, context) => {
    const result = await call(tool.name, args as Record<string, unknown>, context.signal);
    const text = callResultText(result);
    if (result.isError === true) throw new ToolError(text || `Tool "${tool.name}" failed.`);
    return result.structuredContent ?? text;
  };
  return {
    name: remoteToolName(server, options, tool.name),
    description:
      tool.description ?? tool.title ?? `The tool "${tool.name}" of the MCP server "${server}".`,
    parameters: tool.inputSchema,
    ...policy,
    source: { label: `${MCP_TOOL_SOURCE_PREFIX}${server}/${tool.name}` },
    handler,
  };
}

function pick(policy: {
  readonly requiresApproval?: boolean;
  readonly concurrency?: 'parallel' | 'sequential';
  readonly timeoutMs?: number;
}): Partial<Pick<ToolRegistration, 'requiresApproval' | 'concurrency' | 'timeoutMs'>> {
  return {
    ...(policy.requiresApproval === undefined ? {} : { requiresApproval: policy.requiresApproval }),
    ...(policy.concurrency === undefined ? {} : { concurrency: policy.concurrency }),
    ...(policy.timeoutMs === undefined ? {} : { timeoutMs: policy.timeoutMs }),
  };
}
