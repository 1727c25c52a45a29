import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { ConduitValidationError, type ValidationIssue } from '../core';
import { ModelRegistry } from '../models/model-registry';
import { noToolsMessage, ToolRegistry } from '../tools/tool.registry';
import { AGENT_METADATA } from './agent.constants';
import type { AgentDeclaration } from './agent.decorator';
import { ConduitAgent } from './conduit-agent';
import { agentOptionIssues } from './validate-agent-options';

/**
 * Checks every `@Agent()` class at application bootstrap (after the tools are discovered): it must
 * extend `ConduitAgent`, its limits must be valid and its model alias configured. All problems are
 * thrown together as one `ConduitValidationError`. Tool names not registered yet only warn: tools
 * may still be added at run time. Internal: not exported.
 */
@Injectable()
export class AgentDeclarationValidator implements OnApplicationBootstrap {
  private readonly logger = new Logger('ConduitAgents');

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly models: ModelRegistry,
    private readonly tools: ToolRegistry,
  ) {}

  onApplicationBootstrap(): void {
    const issues: ValidationIssue[] = [];
    const seen = new Set<unknown>();
    for (const wrapper of this.discovery.getProviders()) {
      const classRef: unknown = wrapper.metatype;
      if (typeof classRef !== 'function' || seen.has(classRef)) continue;
      const declaration = Reflect.getMetadata(AGENT_METADATA, classRef) as
        AgentDeclaration | undefined;
      if (declaration === undefined) continue;
      seen.add(classRef);
      issues.push(...this.check(classRef as abstract new () => unknown, declaration));
    }
    if (issues.length > 0)
      throw new ConduitValidationError(issues, 'Invalid @Agent() declarations');
  }

  private check(
    classRef: abstract new () => unknown,
    declaration: AgentDeclaration,
  ): ValidationIssue[] {
    const label = classRef.name;
    const issues = agentOptionIssues(declaration, `${label}.`);
    if (!(classRef.prototype instanceof ConduitAgent)) {
      issues.push({ path: label, message: 'an @Agent() class must extend ConduitAgent' });
    }
    const model = declaration.model;
    if (model !== undefined && !this.models.chatAliases().includes(model)) {
      issues.push({
        path: `${label}.model`,
        message: `unknown chat model alias "${model}"; known aliases: ${this.models.chatAliases().join(', ')}`,
      });
    }
    const tools = declaration.tools;
    const names: readonly string[] =
      typeof tools === 'object' && !('classes' in tools) ? tools : [];
    const missing = names.filter((name) => !this.tools.has(name));
    if (missing.length > 0) {
      this.logger.warn(
        `${label}: tools ${missing.join(', ')} are not registered; its runs fail until they are added.`,
      );
    }
    const classes = typeof tools === 'object' && 'classes' in tools ? tools.classes : [];
    for (const classRef of classes.filter((candidate) => !this.tools.hasToolsOf(candidate))) {
      this.logger.warn(`${label}: ${noToolsMessage(classRef)}; its runs fail until it does.`);
    }
    return issues;
  }
}
