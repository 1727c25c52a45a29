import type { Type } from '@nestjs/common';

/**
 * The classes a module opted in with `ConduitModule.forFeature({ tools })`. The explorer finds
 * these values among the providers; with `tools.discovery: 'feature'` only their `@Tool()`
 * methods are registered.
 */
export class ToolFeatureRegistration {
  constructor(readonly tools: readonly Type<unknown>[]) {}
}
