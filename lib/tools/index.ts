/**
 * nestjs-conduit tools: @Tool() methods discovered by DI, their registry and executor, the request
 * context. Re-exported by the package root (`lib/index.ts`).
 */
export { Tool } from './tool.decorator';
export { ToolParam, type ToolParamOptions } from './tool-param.decorator';
export type {
  ConduitToolsOptions,
  ToolConcurrency,
  ToolErrorMessages,
  ToolOptions,
  ToolParameters,
} from './tool-options.types';
export { ToolError, type ToolErrorOptions } from './tool.error';
export type { ToolContext } from './tool-context.types';
export { TOOL_CONTEXT_TYPE, type ToolContextType } from './tool.constants';
export { ToolRegistry } from './tool.registry';
export type {
  RegisteredTool,
  ToolHandler,
  ToolRegistration,
  ToolSource,
} from './registered-tool.types';
export type { ToolSelection } from './tool-selection.types';
export { ToolExecutor } from './tool-executor';
export type { ToolExecutionOptions } from './tool-execution-options.types';
export { classToJsonSchema, toolParametersSchema } from './tool-schema';
export { ConduitRequestContext, type ConduitRequestStore } from './conduit-request-context';
export { ConduitRequestContextMiddleware } from './conduit-request-context.middleware';
export { ConduitRequestContextInterceptor } from './conduit-request-context.interceptor';
export type { ConduitFeatureOptions } from './conduit-tools-feature.module';
