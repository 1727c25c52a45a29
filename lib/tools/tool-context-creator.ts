import { Injectable } from '@nestjs/common';
import { ContextIdFactory, ExternalContextCreator, ModuleRef } from '@nestjs/core';
import type { ContextId, InstanceWrapper } from '@nestjs/core/injector/instance-wrapper';
import { EmptyError } from 'rxjs';
import { TOOL_ARGS_METADATA, TOOL_CONTEXT_TYPE } from './tool.constants';
import type { ToolHandler } from './registered-tool.types';
import type { ToolContext } from './tool-context.types';
import { ToolParamsFactory } from './tool-params.factory';

type Proxy = (...args: unknown[]) => Promise<unknown>;

/**
 * Wraps a discovered tool method in Nest's enhancer pipeline (guards, interceptors, pipes,
 * exception filters) with Nest's `ExternalContextCreator`, the mechanism its microservice and
 * GraphQL layers use, under the context type `'conduit-tool'`.
 *
 * Request-scoped classes (or classes depending on request-scoped providers) are supported: each
 * call resolves its own instance under a context id. When the call happens inside an HTTP request
 * (see `ConduitRequestContext`), the context id is the request's, so the tool shares the request's
 * scoped providers and `REQUEST` is the HTTP request; otherwise a fresh context id is created and
 * `REQUEST` is the `ToolContext`.
 *
 * Deep imports (`InstanceWrapper`, `ParamsFactory` types) match Nest 11 and 12.
 */
@Injectable()
export class ToolContextCreator {
  private readonly paramsFactory = new ToolParamsFactory();
  private readonly requestContextIds = new WeakMap<object, ContextId>();

  constructor(
    private readonly externalContextCreator: ExternalContextCreator,
    private readonly moduleRef: ModuleRef,
  ) {}

  /** The handler that runs `methodName` of the provider held by `wrapper`. */
  create(wrapper: InstanceWrapper, methodName: string): ToolHandler {
    if (wrapper.isDependencyTreeStatic() && !wrapper.isTransient) {
      const instance = wrapper.instance as Record<string, unknown>;
      const proxy = this.proxy(instance, methodName);
      return (args, context) => settle(proxy(args, context));
    }
    return (args, context) => settle(this.runScoped(wrapper, methodName, args, context));
  }

  private async runScoped(
    wrapper: InstanceWrapper,
    methodName: string,
    args: unknown,
    context: ToolContext,
  ): Promise<unknown> {
    const request = context.request;
    const useRequest = typeof request === 'object' && request !== null;
    const contextId = useRequest ? this.contextIdOf(request) : ContextIdFactory.create();
    const moduleRef = this.hostModuleRef(wrapper);
    moduleRef.registerRequestByContextId(useRequest ? request : context, contextId);
    const instance = await moduleRef.resolve<unknown, Record<string, unknown>>(
      wrapper.token,
      contextId,
      { strict: moduleRef !== this.moduleRef },
    );
    return this.proxy(instance, methodName, contextId)(args, context);
  }

  private proxy(
    instance: Record<string, unknown>,
    methodName: string,
    contextId?: ContextId,
  ): Proxy {
    return this.externalContextCreator.create(
      instance,
      instance[methodName] as (...args: unknown[]) => unknown,
      methodName,
      TOOL_ARGS_METADATA,
      this.paramsFactory,
      contextId,
      undefined,
      { guards: true, interceptors: true, filters: true },
      TOOL_CONTEXT_TYPE,
    ) as Proxy;
  }

  /**
   * The context id of an HTTP request: Nest's own when the route is request-scoped (so the tool
   * shares the route's instances), else one kept per request for all its tool calls.
   */
  private contextIdOf(request: object): ContextId {
    let contextId = this.requestContextIds.get(request);
    if (contextId === undefined) {
      contextId = ContextIdFactory.getByRequest(request);
      this.requestContextIds.set(request, contextId);
    }
    return contextId;
  }

  /** The ModuleRef of the module that declares the provider, so its own providers resolve. */
  private hostModuleRef(wrapper: InstanceWrapper): ModuleRef {
    const hostRef: unknown = wrapper.host?.getProviderByKey(ModuleRef)?.instance;
    return hostRef instanceof ModuleRef ? hostRef : this.moduleRef;
  }
}

/** An Observable that completed without a value resolves to `undefined`, like a void method. */
async function settle(result: Promise<unknown>): Promise<unknown> {
  try {
    return await result;
  } catch (error) {
    if (error instanceof EmptyError) return undefined;
    throw error;
  }
}
