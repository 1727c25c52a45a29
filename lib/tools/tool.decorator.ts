import { SetMetadata } from '@nestjs/common';
import { TOOL_ARGS_METADATA, TOOL_METADATA } from './tool.constants';
import type { ToolOptions } from './tool-options.types';

/** Parameter positions of a tool method, as Nest's `ExternalContextCreator` reads them. */
export enum ToolParamtype {
  ARGUMENTS = 0,
  CONTEXT = 1,
}

/**
 * Marks a provider or controller method as a tool the model may call. It only stores metadata:
 * the tools are discovered at bootstrap and listed by `ToolRegistry`.
 *
 * The method receives the validated arguments (an instance of its DTO class) and a
 * `ToolContext`; it may return a value, a Promise or an Observable (its last value). Guards,
 * interceptors, pipes and exception filters declared on the method or its class run on every
 * call, with the execution context type `'conduit-tool'`: `context.switchToRpc().getData()` is the
 * arguments, `getContext()` the `ToolContext`. Global enhancers (`APP_GUARD`, `useGlobalGuards`)
 * run too, as they do for microservice handlers, so an HTTP-only global guard should let other
 * context types through (`context.getType() !== 'http'`). A guard that denies gives the model an
 * error result ("not allowed"), never an exception.
 *
 * The class may be request-scoped (or depend on request-scoped providers): each call then gets an
 * instance for the current HTTP request (read through `ConduitRequestContext`; the same one the
 * route uses when the route is request-scoped too), or a fresh one outside a request, where
 * `REQUEST` is the `ToolContext`.
 *
 * @example
 * ```ts
 * @Injectable()
 * export class WeatherService {
 *   @Tool({ description: 'Current weather in a city' })
 *   getWeather(args: GetWeatherDto): Promise<Weather> { ... }
 * }
 * ```
 */
export function Tool(options: ToolOptions): MethodDecorator {
  return (target, key, descriptor) => {
    SetMetadata(TOOL_METADATA, options)(target, key, descriptor);
    // Both parameters are declared so Nest fills them and runs pipes on the arguments.
    Reflect.defineMetadata(
      TOOL_ARGS_METADATA,
      {
        [`${ToolParamtype.ARGUMENTS}:0`]: { index: 0, data: undefined, pipes: [] },
        [`${ToolParamtype.CONTEXT}:1`]: { index: 1, data: undefined, pipes: [] },
      },
      target.constructor,
      key,
    );
  };
}
