import { Injectable } from '@nestjs/common';
import { ContextIdFactory, ExternalContextCreator, ModuleRef } from '@nestjs/core';
import type { ExternalExceptionFilterContext } from '@nestjs/core/exceptions/external-exception-filter-context';
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
 * A tool's exception that no filter of the app handles goes back to the `ToolExecutor` without
 * Nest's `ExceptionsHandler` ERROR log: the executor handles every tool throw (an error result
 * for the model, one line in the app's logs), so Nest would report a handled failure as a crash,
 * stack and all (see `withoutUnhandledErrorLog`).
 *
 * Deep imports (`InstanceWrapper`, `ParamsFactory`, filter context types) and the private field
 * read by `withoutUnhandledErrorLog` match Nest 11 and 12.
 */
@Injectable()
export class ToolContextCreator {
  private readonly paramsFactory = new ToolParamsFactory();
  private readonly requestContextIds = new WeakMap<object, ContextId>();

  private readonly externalContextCreator: ExternalContextCreator;

  constructor(
    externalContextCreator: ExternalContextCreator,
    private readonly moduleRef: ModuleRef,
  ) {
    this.externalContextCreator = withoutUnhandledErrorLog(externalContextCreator);
  }

  /** The handler that runs `methodName` of the provider held by `wrapper`. */
  create(wrapper: InstanceWrapper, methodName: string): ToolHandler {
    if (wrapper.isDependencyTreeStatic() && !wrapper.isTransient) {
      const instance = wrapper.instance as Record<string, unknown>;
      const proxy = this.proxy(instance, methodName);
      return (args, context) => emptyAsUndefined(proxy(args, context));
    }
    return (args, context) => emptyAsUndefined(this.runScoped(wrapper, methodName, args, context));
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

/**
 * The last of the exception filters of a tool: it takes what no filter of the app (the method's,
 * the class's, the global ones) caught and rethrows it as it is, so Nest's default handler, which
 * logs it at ERROR with its stack, never runs. Nest tries filters in order and takes the first
 * whose `@Catch()` types match; an empty list matches everything.
 */
const RETHROW_UNHANDLED: {
  readonly func: (exception: unknown) => never;
  readonly exceptionMetatypes: readonly unknown[];
} = {
  func: (exception: unknown): never => {
    throw exception;
  },
  exceptionMetatypes: [],
};

type FilterContext = Pick<ExternalExceptionFilterContext, 'create' | 'createContext'>;

function isFilterContext(value: unknown): value is FilterContext {
  const context = value as Partial<FilterContext> | null | undefined;
  return typeof context?.create === 'function' && typeof context.createContext === 'function';
}

/**
 * Nest's own `ExternalContextCreator` (guards, interceptors, pipes, filters unchanged), whose
 * exception filter lists end with `RETHROW_UNHANDLED`. Nest lists filters global first, then the
 * class's, then the method's, and tries them in reverse: put first, it is tried last. The shared
 * creator is left untouched (other libraries use it); this one inherits from it.
 *
 * Reads the private `filtersContextCreator` (Nest 11 and 12): if a Nest release renames it, Nest's
 * creator is used as it is, and only its extra log comes back.
 */
function withoutUnhandledErrorLog(creator: ExternalContextCreator): ExternalContextCreator {
  const filters = (creator as unknown as { filtersContextCreator?: unknown }).filtersContextCreator;
  if (!isFilterContext(filters)) return creator;
  const createContext = filters.createContext;
  const toolFilters: FilterContext = Object.create(filters, {
    createContext: {
      // A method, not bound to `filters`: Nest's create() sets the module it resolves filter
      // classes in on `this` just before calling it.
      value: function (
        this: FilterContext,
        ...args: Parameters<FilterContext['createContext']>
      ): unknown[] {
        return [RETHROW_UNHANDLED, ...(Reflect.apply(createContext, this, args) as unknown[])];
      },
    },
  }) as FilterContext;
  return Object.create(creator, {
    filtersContextCreator: { value: toolFilters },
  }) as ExternalContextCreator;
}

/** An Observable that completed without a value resolves to `undefined`, like a void method. */
async function emptyAsUndefined(result: Promise<unknown>): Promise<unknown> {
  try {
    return await result;
  } catch (error) {
    if (error instanceof EmptyError) return undefined;
    throw error;
  }
}
