import { Injectable } from '@nestjs/common';
import { ConduitValidationError, type ToolDefinition } from '../core';
import { checkToolRegistrations } from './check-tool-registrations';
import type { RegisteredTool, ToolRegistration } from './registered-tool.types';
import { toolParametersSchema } from './tool-schema';
import type { ToolSelection } from './tool-selection.types';

/**
 * Every tool the application offers: the `@Tool()` methods discovered at bootstrap plus those
 * added at run time. Inject it to list tools, build `ChatRequest.tools` for a selection, or add
 * and remove tools while the application runs.
 *
 * @example
 * ```ts
 * const tools = registry.definitions({ classes: [WeatherService] });
 * registry.add({ name: 'now', description: 'Current time', handler: () => new Date().toISOString() });
 * ```
 */
@Injectable()
export class ToolRegistry {
  protected readonly tools = new Map<string, RegisteredTool>();

  /** All tools, in registration order. */
  list(): RegisteredTool[] {
    return [...this.tools.values()];
  }

  /** The tool with this name, or `undefined`. */
  get(name: string): RegisteredTool | undefined {
    return this.tools.get(name);
  }

  /** Whether a tool of that name is registered. */
  has(name: string): boolean {
    return this.tools.has(name);
  }

  /**
   * Adds a tool. Throws `ConduitValidationError` for a bad or already used name, or a missing
   * description.
   */
  add(registration: ToolRegistration): RegisteredTool {
    const [tool] = this.addAll([registration], 'Invalid tool');
    return tool;
  }

  /**
   * Adds several tools at once, or none: all problems are reported together in one
   * `ConduitValidationError` with the given title.
   */
  addAll(registrations: readonly ToolRegistration[], title = 'Invalid tools'): RegisteredTool[] {
    const issues = checkToolRegistrations(registrations, this.tools);
    if (issues.length > 0) throw new ConduitValidationError(issues, title);
    const added = registrations.map((registration) => this.toRegisteredTool(registration));
    for (const tool of added) this.tools.set(tool.name, tool);
    return added;
  }

  /** Removes a tool; returns whether it existed. */
  remove(name: string): boolean {
    return this.tools.delete(name);
  }

  /**
   * The tools a selection allows (default `'all'`). A name that is not registered is a
   * `ConduitValidationError` listing the known names; so is a class none of whose `@Tool()`
   * methods is registered (not a provider of any module, or no `@Tool()` method).
   */
  select(selection: ToolSelection = 'all'): RegisteredTool[] {
    if (selection === 'all') return this.list();
    if ('classes' in selection) {
      const classes = new Set<unknown>(selection.classes);
      const selected = this.list().filter((tool) => classes.has(tool.source.classRef));
      // A class that gave no tool would silently leave the model without them.
      const empty = selection.classes.filter((classRef) => !this.hasToolsOf(classRef));
      if (empty.length > 0) {
        throw new ConduitValidationError(
          empty.map((classRef) => ({ path: 'tools.classes', message: noToolsMessage(classRef) })),
          'Invalid tool selection',
        );
      }
      return selected;
    }
    const names = selection;
    const unknown = names.filter((name) => !this.tools.has(name));
    if (unknown.length > 0) {
      const known = [...this.tools.keys()].join(', ') || '(none)';
      throw new ConduitValidationError(
        unknown.map((name) => ({
          path: 'tools',
          message: `unknown tool "${name}"; known tools: ${known}`,
        })),
        'Invalid tool selection',
      );
    }
    return names.map((name) => this.tools.get(name) as RegisteredTool);
  }

  /** True when at least one registered tool comes from `classRef` (a `@Tool()` method of it). */
  hasToolsOf(classRef: unknown): boolean {
    for (const tool of this.tools.values()) if (tool.source.classRef === classRef) return true;
    return false;
  }

  /** The definitions of a selection, ready for `ChatRequest.tools`. */
  definitions(selection: ToolSelection = 'all'): ToolDefinition[] {
    return this.select(selection).map((tool) => tool.definition);
  }

  /** Builds the stored form of a registration; override to decorate definitions. */
  protected toRegisteredTool(registration: ToolRegistration): RegisteredTool {
    const { handler, source, ...options } = registration;
    const schema = toolParametersSchema(options.parameters);
    const definition: ToolDefinition = {
      name: registration.name,
      description: registration.description,
      parameters: schema,
      ...(options.strict === undefined ? {} : { strict: options.strict }),
    };
    return {
      name: registration.name,
      description: registration.description,
      schema,
      definition,
      options,
      source: source ?? { label: 'ToolRegistry.add()' },
      handler,
    };
  }
}

/** Why a class gave no tool, and what to do about it. */
export function noToolsMessage(classRef: unknown): string {
  const name = typeof classRef === 'function' ? classRef.name : String(classRef);
  return `${name} has no registered @Tool() method: list it in a module's providers (tools are discovered on providers) and check its methods carry @Tool()`;
}
