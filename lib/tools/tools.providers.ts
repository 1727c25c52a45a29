import type { InjectionToken, Provider } from '@nestjs/common';
import { ConduitRequestContext } from './conduit-request-context';
import { InterceptorRegistry } from '../interceptors/interceptor-registry';
import { CONDUIT_TOOL_INTERCEPTORS, CONDUIT_TOOLS_OPTIONS } from './tool.constants';
import { ToolContextCreator } from './tool-context-creator';
import { ToolExecutor } from './tool-executor';
import { ToolExplorer } from './tool.explorer';
import { ToolMetadataAccessor } from './tool-metadata.accessor';
import type { ToolsModuleOptions } from './tool-options.types';
import { ToolRegistry } from './tool.registry';

/**
 * The providers the tools feature adds to `ConduitModule` (which must also import
 * `DiscoveryModule`). `CONDUIT_TOOLS_OPTIONS` comes from `conduitToolsOptionsProvider()`.
 */
export const CONDUIT_TOOL_PROVIDERS: Provider[] = [
  ToolMetadataAccessor,
  ToolContextCreator,
  ToolRegistry,
  ToolExecutor,
  ToolExplorer,
  ConduitRequestContext,
];

/** What `ConduitModule` exports of the tools feature (the explorer and accessor stay internal). */
export const CONDUIT_TOOL_EXPORTS = [ToolRegistry, ToolExecutor, ConduitRequestContext];

/** Provides `CONDUIT_TOOLS_OPTIONS` from the `tools` field of the module's options. */
export function conduitToolsOptionsProvider(moduleOptionsToken: InjectionToken): Provider {
  return {
    provide: CONDUIT_TOOLS_OPTIONS,
    useFactory: (options: ToolsModuleOptions | undefined) => options?.tools ?? {},
    inject: [moduleOptionsToken],
  };
}

/**
 * Provides `CONDUIT_TOOL_INTERCEPTORS`: tool calls run through the module's global interceptors
 * (per-model interceptors belong to model aliases, which tool calls have none of).
 */
export const toolInterceptorsProvider: Provider = {
  provide: CONDUIT_TOOL_INTERCEPTORS,
  useFactory: (registry: InterceptorRegistry) => async () => (await registry.resolve()).global,
  inject: [InterceptorRegistry],
};
