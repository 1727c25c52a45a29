import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ConduitValidationError, type ValidationIssue } from '../core';
import { MCP_PROMPT_METADATA, MCP_RESOURCE_METADATA } from './mcp.constants';
import type {
  McpPromptEntry,
  McpPromptOptions,
  McpResourceEntry,
  McpResourceOptions,
} from './mcp-primitive.types';

/**
 * Finds the `@Resource()` and `@Prompt()` methods of the app's providers at module init (the
 * `@nestjs/schedule` way) and keeps them for the endpoint. Every declaration problem (an
 * invalid or repeated URI, a repeated prompt name) is reported in one error at bootstrap.
 * Internal: not exported.
 */
@Injectable()
export class McpPrimitivesExplorer implements OnModuleInit {
  readonly resources: McpResourceEntry[] = [];
  readonly prompts: McpPromptEntry[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (typeof instance !== 'object' || instance === null || !wrapper.isDependencyTreeStatic()) {
        continue;
      }
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        this.collect(instance as Record<string, unknown>, method);
      }
    }
    const issues = [...this.duplicates(), ...this.invalidUris()];
    if (issues.length > 0) throw new ConduitValidationError(issues, 'Invalid MCP declarations');
  }

  private collect(instance: Record<string, unknown>, method: string): void {
    const fn = instance[method];
    if (typeof fn !== 'function') return;
    const label = `${instance.constructor.name}.${method}`;
    const resource = this.reflector.get<McpResourceOptions | undefined>(MCP_RESOURCE_METADATA, fn);
    if (resource !== undefined) {
      this.resources.push({ options: resource, label, read: () => fn.call(instance) as unknown });
    }
    const prompt = this.reflector.get<McpPromptOptions | undefined>(MCP_PROMPT_METADATA, fn);
    if (prompt !== undefined) {
      this.prompts.push({
        options: { ...prompt, name: prompt.name ?? method },
        label,
        get: (args) => fn.call(instance, args) as unknown,
      });
    }
  }

  private duplicates(): ValidationIssue[] {
    const issues: ValidationIssue[] = [];
    const seen = new Map<string, string>();
    const check = (key: string, label: string, what: string): void => {
      const previous = seen.get(key);
      if (previous !== undefined) {
        issues.push({ path: label, message: `${what} is already declared by ${previous}` });
      } else seen.set(key, label);
    };
    for (const r of this.resources)
      check(`r:${r.options.uri}`, r.label, `resource URI "${r.options.uri}"`);
    for (const p of this.prompts)
      check(`p:${p.options.name}`, p.label, `prompt name "${p.options.name}"`);
    return issues;
  }

  private invalidUris(): ValidationIssue[] {
    return this.resources
      .filter((r) => typeof r.options.uri !== 'string' || !URL.canParse(r.options.uri))
      .map((r) => ({
        path: r.label,
        message: `resource URI "${String(r.options.uri)}" is not a URI`,
      }));
  }
}
