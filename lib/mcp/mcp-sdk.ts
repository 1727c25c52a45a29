import { loadOptionalPackage } from '../core/load-optional-package';

/** The official MCP server SDK (v2 line), loaded on first use. */
export type McpServerSdk = typeof import('@modelcontextprotocol/server');
/** The Node adapter of the MCP server SDK (`toNodeHandler`). */
export type McpNodeSdk = typeof import('@modelcontextprotocol/node');
/** The official MCP client SDK (v2 line), loaded on first use. */
export type McpClientSdk = typeof import('@modelcontextprotocol/client');
/** The stdio transport of the MCP client SDK. */
export type McpClientStdioSdk = typeof import('@modelcontextprotocol/client/stdio');

const SERVER_INSTALL = 'npm install @modelcontextprotocol/server @modelcontextprotocol/node';
const CLIENT_INSTALL = 'npm install @modelcontextprotocol/client';

/*
 * The SDK packages are optional peers and loaded lazily, per half: an app that only serves
 * tools never needs the client package, one that only consumes remote tools never needs the
 * server packages, and `nestjs-conduit` itself never loads either. Both packages ship CommonJS
 * builds, so `require` works in CommonJS and ESM apps alike.
 */

/** `@modelcontextprotocol/server`, or an error printing the install command. */
export function loadMcpServerSdk(): McpServerSdk {
  return loadOptionalPackage<McpServerSdk>('@modelcontextprotocol/server', 'The MCP endpoint', {
    install: SERVER_INSTALL,
  });
}

/** `@modelcontextprotocol/node`, or an error printing the install command. */
export function loadMcpNodeSdk(): McpNodeSdk {
  return loadOptionalPackage<McpNodeSdk>('@modelcontextprotocol/node', 'The MCP endpoint', {
    install: SERVER_INSTALL,
  });
}

/** `@modelcontextprotocol/client`, or an error printing the install command. */
export function loadMcpClientSdk(): McpClientSdk {
  return loadOptionalPackage<McpClientSdk>('@modelcontextprotocol/client', 'MCP clients', {
    install: CLIENT_INSTALL,
  });
}

/** `@modelcontextprotocol/client/stdio`, or an error printing the install command. */
export function loadMcpClientStdioSdk(): McpClientStdioSdk {
  return loadOptionalPackage<McpClientStdioSdk>(
    '@modelcontextprotocol/client/stdio',
    'MCP clients over stdio',
    { install: CLIENT_INSTALL },
  );
}
