import type {
  CacheControl,
  CallSettings,
  CallWarning,
  ToolChoice,
  ToolDefinition,
} from '../../core';
import { markLastBlock, toAnthropicCacheControl } from './anthropic-cache-control';

/** The `tools` and `tool_choice` fields of a Messages API body, plus what could not be sent. */
export interface AnthropicToolFields {
  readonly tools?: Record<string, unknown>[];
  readonly tool_choice?: Record<string, unknown>;
  readonly warnings: CallWarning[];
}

function convertTool(tool: ToolDefinition): Record<string, unknown> {
  const wire: Record<string, unknown> = { name: tool.name };
  if (tool.description !== undefined) wire['description'] = tool.description;
  wire['input_schema'] = tool.parameters;
  if (tool.strict !== undefined) wire['strict'] = tool.strict;
  if (tool.cacheControl !== undefined) {
    wire['cache_control'] = toAnthropicCacheControl(tool.cacheControl);
  }
  return wire;
}

function convertToolChoice(choice: ToolChoice): Record<string, unknown> {
  switch (choice) {
    case 'auto':
      return { type: 'auto' };
    case 'required':
      return { type: 'any' };
    case 'none':
      return { type: 'none' };
    default:
      return { type: 'tool', name: choice.name };
  }
}

/**
 * Maps tools and tool choice to Messages API fields: each tool as `{ name, description,
 * input_schema, strict?, cache_control? }`; `auto` / `required` (`any`) / `none` / one named tool.
 * `toolsCacheControl` (the request-level `cacheControl.tools` option) marks the last tool unless it
 * already carries its own breakpoint. No tools means neither field: a tool choice alone is reported
 * as a warning, like a breakpoint with no tool to carry it.
 */
export function prepareAnthropicTools(
  settings: Pick<CallSettings, 'tools' | 'toolChoice'>,
  toolsCacheControl?: CacheControl,
): AnthropicToolFields {
  const warnings: CallWarning[] = [];
  const tools = settings.tools ?? [];
  if (tools.length === 0) {
    if (settings.toolChoice !== undefined) {
      warnings.push({ setting: 'toolChoice', message: 'ignored because no tools were given' });
    }
    if (toolsCacheControl !== undefined) {
      warnings.push({
        setting: 'providerOptions.anthropic.cacheControl.tools',
        message: 'no tools were given to carry the cache breakpoint; it was not sent',
      });
    }
    return { warnings };
  }
  const wire = tools.map(convertTool);
  if (toolsCacheControl !== undefined && tools[tools.length - 1]?.cacheControl === undefined) {
    markLastBlock(wire, toolsCacheControl);
  }
  return {
    tools: wire,
    ...(settings.toolChoice !== undefined && {
      tool_choice: convertToolChoice(settings.toolChoice),
    }),
    warnings,
  };
}
