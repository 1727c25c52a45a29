/**
 * The `nestjs-conduit/mcp` entry point: the Model Context Protocol, through the official MCP
 * TypeScript SDK (`@modelcontextprotocol/server`, `@modelcontextprotocol/node`,
 * `@modelcontextprotocol/client`, optional peers loaded on first use).
 */
export { ConduitMcpModule } from './conduit-mcp.module';
export { McpToolServer } from './mcp-tool-server';
export { Resource } from './resource.decorator';
export { Prompt } from './prompt.decorator';
export type {
  McpPromptArgument,
  McpPromptMessage,
  McpPromptOptions,
  McpResourceOptions,
} from './mcp-primitive.types';
export { McpClients } from './mcp-clients';
export { McpConnectionError } from './mcp-connection.error';
export {
  reportProgress,
  MCP_PROGRESS_METADATA_KEY,
  type McpProgress,
  type McpProgressReporter,
} from './report-progress';
export { CONDUIT_MCP_OPTIONS, MCP_TOOL_NAME_SEPARATOR } from './mcp.constants';
export type {
  ConduitMcpModuleOptions,
  McpClientCommonOptions,
  McpClientOptions,
  McpConnectErrorPolicy,
  McpHttpClientOptions,
  McpReconnectOptions,
  McpRemoteToolPolicy,
  McpStdioClientOptions,
} from './mcp-options.types';
