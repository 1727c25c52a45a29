import type { Type } from '@nestjs/common';

/**
 * Which registered tools a call may use: `'all'`, the tools with the given names, or the tools
 * declared by the given classes.
 *
 * @example
 * ```ts
 * registry.definitions(['get_weather']);
 * registry.definitions({ classes: [WeatherService] });
 * ```
 */
export type ToolSelection =
  'all' | readonly string[] | { readonly classes: readonly Type<unknown>[] };
