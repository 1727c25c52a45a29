import { Module } from '@nestjs/common';
import { AgentController } from './agent.controller';
import { DemoToolsService } from './demo-tools.service';

/**
 * Tools and an agent: `DemoToolsService`'s `@Tool()` methods are discovered at bootstrap (the
 * module's default `discovery: 'all'`), and the controller runs them through `AgentService`.
 */
@Module({ controllers: [AgentController], providers: [DemoToolsService] })
export class AgentModule {}
