import { Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { TOOL_METADATA } from './tool.constants';
import type { ToolOptions } from './tool-options.types';

/** Reads `@Tool()` metadata. Internal: used by the explorer. */
@Injectable()
export class ToolMetadataAccessor {
  constructor(private readonly reflector: Reflector) {}

  /** The `@Tool()` options of a method, or `undefined` when it is not a tool. */
  getToolOptions(method: unknown): ToolOptions | undefined {
    if (typeof method !== 'function') return undefined;
    return this.reflector.get<ToolOptions | undefined>(TOOL_METADATA, method);
  }
}
