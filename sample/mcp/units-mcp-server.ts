import { resolve } from 'node:path';
import { MCP_TOOL_NAME_SEPARATOR, type McpStdioClientOptions } from 'nestjs-conduit/mcp';

/** The key of the unit converter in the sample's MCP `clients`: its tools register as `units__<name>`. */
export const UNITS_MCP_SERVER = 'units';

/** What the names of the unit converter's tools start with in `ToolRegistry` (`units__convert`). */
export const UNITS_TOOL_PREFIX = `${UNITS_MCP_SERVER}${MCP_TOOL_NAME_SEPARATOR}`;

/**
 * The server's file, `sample/mcp/units-server.stdio.mjs`. tsc does not copy `.mjs` files, so the
 * path is not next to this module once compiled: it is found from the repository root instead,
 * two folders up both from `sample/mcp/` (Jest on the sources) and from `dist-sample/mcp/`
 * (`npm run start:sample`), so one path works in both layouts without a copy step in the build.
 */
export const UNITS_SERVER_FILE = resolve(
  __dirname,
  '..',
  '..',
  'sample',
  'mcp',
  'units-server.stdio.mjs',
);

/**
 * The unit converter as a stdio MCP client of ConduitMcpModule: started with the node running the
 * sample (`process.execPath`, not whatever `node` is on the PATH). `onConnectError: 'warn'`: the
 * sample still starts if the child cannot, its agent then simply lacks the conversion tool.
 */
export function unitsMcpClient(): McpStdioClientOptions {
  return { command: process.execPath, args: [UNITS_SERVER_FILE], onConnectError: 'warn' };
}
