/** Injection token of the validated `ConduitMcpModuleOptions`. */
export const CONDUIT_MCP_OPTIONS = Symbol('CONDUIT_MCP_OPTIONS');

/** Between a remote server's prefix and its tool name: `weather__get_forecast`. */
export const MCP_TOOL_NAME_SEPARATOR = '__';

/** Connecting to and listing the tools of a remote server, unless its options say otherwise. */
export const DEFAULT_MCP_CONNECT_TIMEOUT_MS = 10_000;

/** The label of registered remote tools starts with it: `mcp:weather/get_forecast`. */
export const MCP_TOOL_SOURCE_PREFIX = 'mcp:';

/** The first wait before reconnecting a server that went away; it doubles at each failure. */
export const DEFAULT_RECONNECT_INITIAL_DELAY_MS = 1_000;

/** The longest wait between two reconnection attempts. */
export const DEFAULT_RECONNECT_MAX_DELAY_MS = 30_000;

/** Metadata key of `@Resource()`. */
export const MCP_RESOURCE_METADATA = 'conduit:mcp-resource';

/** Metadata key of `@Prompt()`. */
export const MCP_PROMPT_METADATA = 'conduit:mcp-prompt';
