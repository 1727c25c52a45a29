import { Inject, Injectable, Logger, type OnModuleInit, type Type } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { InstanceWrapper } from '@nestjs/core/injector/instance-wrapper';
import { ConduitValidationError, type ValidationIssue } from '../core';
import type { ToolRegistration } from './registered-tool.types';
import { CONDUIT_TOOLS_OPTIONS } from './tool.constants';
import { ToolContextCreator } from './tool-context-creator';
import { ToolFeatureRegistration } from './tool-feature-registration';
import { ToolMetadataAccessor } from './tool-metadata.accessor';
import type { ConduitToolsOptions, ToolOptions } from './tool-options.types';
import { isDtoClass } from './tool-schema';
import { ToolRegistry } from './tool.registry';

/**
 * Finds the `@Tool()` methods of providers and controllers at `onModuleInit` and registers them
 * in the `ToolRegistry`. All declaration problems (bad names, duplicates, `forFeature()` classes
 * without tools) are thrown together as one `ConduitValidationError`, so the application does not
 * start with a broken tool set. Internal: not exported.
 */
@Injectable()
export class ToolExplorer implements OnModuleInit {
  private readonly logger = new Logger('ConduitTools');

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly accessor: ToolMetadataAccessor,
    private readonly contextCreator: ToolContextCreator,
    private readonly registry: ToolRegistry,
    @Inject(CONDUIT_TOOLS_OPTIONS) private readonly options: ConduitToolsOptions,
  ) {}

  onModuleInit(): void {
    const wrappers = [...this.discovery.getProviders(), ...this.discovery.getControllers()];
    const featured = this.featureClasses(wrappers);
    const onlyFeatured = this.options.discovery === 'feature';
    const registrations: ToolRegistration[] = [];
    const classesWithTools = new Set<unknown>();
    for (const wrapper of wrappers) {
      const classRef = this.classOf(wrapper);
      if (classRef === undefined || (onlyFeatured && !featured.has(classRef))) continue;
      const found = this.explore(wrapper, classRef);
      if (found.length > 0) classesWithTools.add(classRef);
      registrations.push(...found);
    }
    const issues: ValidationIssue[] = [...featured]
      .filter((classRef) => !classesWithTools.has(classRef))
      .map((classRef) => ({
        path: `ConduitModule.forFeature({ tools: [${classRef.name}] })`,
        message: `${classRef.name} is not a provider or controller with @Tool() methods`,
      }));
    if (issues.length > 0) throw new ConduitValidationError(issues, 'Invalid @Tool() declarations');
    this.registry.addAll(registrations, 'Invalid @Tool() declarations');
  }

  private featureClasses(wrappers: readonly InstanceWrapper[]): Set<Type<unknown>> {
    const classes = new Set<Type<unknown>>();
    for (const wrapper of wrappers) {
      if (wrapper.instance instanceof ToolFeatureRegistration) {
        for (const classRef of wrapper.instance.tools) classes.add(classRef);
      }
    }
    return classes;
  }

  /** The class behind a provider (also for factory and value providers), or `undefined`. */
  private classOf(wrapper: InstanceWrapper): Type<unknown> | undefined {
    const instance: unknown = wrapper.instance;
    if (wrapper.isAlias || typeof instance !== 'object' || instance === null) return undefined;
    const constructor = (instance as { constructor?: unknown }).constructor;
    return typeof constructor === 'function' && constructor !== Object
      ? (constructor as Type<unknown>)
      : undefined;
  }

  private explore(wrapper: InstanceWrapper, classRef: Type<unknown>): ToolRegistration[] {
    const prototype = classRef.prototype as Record<string, unknown>;
    const registrations: ToolRegistration[] = [];
    for (const methodName of this.scanner.getAllMethodNames(prototype)) {
      const options = this.accessor.getToolOptions(prototype[methodName]);
      if (options === undefined) continue;
      const parameters = options.parameters ?? this.parameterClass(classRef, methodName, options);
      registrations.push({
        ...options,
        name: options.name ?? methodName,
        ...(parameters === undefined ? {} : { parameters }),
        handler: this.contextCreator.create(wrapper, methodName),
        source: { label: `${classRef.name}.${methodName}`, classRef, methodName },
      });
    }
    return registrations;
  }

  /** The DTO class of the method's first parameter, if it is one. */
  private parameterClass(
    classRef: Type<unknown>,
    methodName: string,
    options: ToolOptions,
  ): Type<object> | undefined {
    const types: unknown = Reflect.getMetadata(
      'design:paramtypes',
      classRef.prototype as object,
      methodName,
    );
    const first = Array.isArray(types) ? (types[0] as unknown) : undefined;
    if (isDtoClass(first)) return first;
    if (first !== undefined) {
      this.logger.warn(
        `${classRef.name}.${methodName}: the first parameter is not a class, so tool "${options.name ?? methodName}" ` +
          'takes no arguments; type it with a DTO class or pass @Tool({ parameters })',
      );
    }
    return undefined;
  }
}
