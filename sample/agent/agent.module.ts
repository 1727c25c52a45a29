import { Module } from '@nestjs/common';
import { AgentController } from './agent.controller';
import { AgentToolsService } from './agent-tools.service';
import { DemoToolsService } from './demo-tools.service';

/**
 * Tools and an agent: `DemoToolsService`'s `@Tool()` methods are discovered at bootstrap (the
 * module's default `discovery: 'all'`), the unit converter's join them from its MCP server (see
 * AppModule), and the controller runs them through `AgentService`.
 */
@Module({ controllers: [AgentController], providers: [DemoToolsService, AgentToolsService] })
export class AgentModule {}
