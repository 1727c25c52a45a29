import { Allow } from 'class-validator';
import type { JsonSchema } from '../core';
import { TOOL_PARAM_METADATA } from './tool.constants';

/** Options of `@ToolParam()`. */
export interface ToolParamOptions {
  /** What the property means; shown to the model in the JSON Schema. */
  readonly description?: string;
  /** Extra JSON Schema keywords merged over the generated ones (`examples`, `format`, ...). */
  readonly schema?: JsonSchema;
}

/**
 * Describes a property of a tool's DTO class for the model. Combine it with class-validator
 * decorators, which give the property its type and constraints; on its own it marks the property
 * as allowed, typed from its TypeScript type.
 *
 * @example
 * ```ts
 * class GetWeatherDto {
 *   @ToolParam({ description: 'City name, e.g. "Paris"' })
 *   @IsString()
 *   city!: string;
 * }
 * ```
 */
export function ToolParam(options: ToolParamOptions = {}): PropertyDecorator {
  return (target, key) => {
    Reflect.defineMetadata(TOOL_PARAM_METADATA, options, target, key);
    // Without a class-validator decorator the whitelist would strip the property.
    Allow()(target, key);
  };
}
