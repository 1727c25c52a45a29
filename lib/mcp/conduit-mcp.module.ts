import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { CONDUIT_MCP_OPTIONS } from './mcp.constants';
import { McpClients } from './mcp-clients';
import { createMcpEndpointController } from './mcp-endpoint.controller';
import type { ConduitMcpModuleOptions } from './mcp-options.types';
import { McpPrimitivesExplorer } from './mcp-primitives.explorer';
import { McpToolServer } from './mcp-tool-server';
import { validateMcpOptions } from './validate-mcp-options';

/**
 * MCP for nestjs-conduit, from `nestjs-conduit/mcp`: serves the app's `@Tool()` methods at a
 * Streamable HTTP endpoint (`path`), and registers the tools of remote MCP servers (`clients`)
 * in `ToolRegistry`, where agents use them like their own. Import it beside `ConduitModule`.
 *
 * @example
 * ```ts
 * ConduitMcpModule.forRoot({
 *   path: '/mcp',
 *   name: 'orders',
 *   version: '1.0.0',
 *   guards: [BearerGuard],
 *   clients: { weather: { url: 'https://weather.example.com/mcp' } },
 * });
 * ```
 */
@Module({})
export class ConduitMcpModule {
  /** The module for these options, checked now (a `ConduitValidationError` lists each problem). */
  static forRoot(options: ConduitMcpModuleOptions): DynamicModule {
    validateMcpOptions(options);
    const providers: Provider[] = [{ provide: CONDUIT_MCP_OPTIONS, useValue: options }];
    const serves = options.path !== undefined;
    const consumes = Object.keys(options.clients ?? {}).length > 0;
    if (serves) providers.push(McpPrimitivesExplorer, McpToolServer);
    if (consumes) providers.push(McpClients);
    return {
      module: ConduitMcpModule,
      // @Resource() and @Prompt() discovery.
      imports: serves ? [DiscoveryModule] : [],
      controllers: serves ? [createMcpEndpointController(options)] : [],
      providers,
      exports: [...(serves ? [McpToolServer] : []), ...(consumes ? [McpClients] : [])],
    };
  }
}
