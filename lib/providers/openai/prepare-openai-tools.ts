import type { CallSettings, ResponseFormat, ToolChoice, ToolDefinition } from '../../core';

/** The tool and output-format fields of a Chat Completions body. */
export interface OpenAIToolFields {
  tools?: Record<string, unknown>[];
  tool_choice?: string | Record<string, unknown>;
  response_format?: Record<string, unknown>;
}

function convertTool(tool: ToolDefinition): Record<string, unknown> {
  const fn: Record<string, unknown> = { name: tool.name };
  if (tool.description !== undefined) fn['description'] = tool.description;
  fn['parameters'] = tool.parameters;
  if (tool.strict !== undefined) fn['strict'] = tool.strict;
  return { type: 'function', function: fn };
}

function convertToolChoice(choice: ToolChoice): string | Record<string, unknown> {
  return typeof choice === 'string'
    ? choice
    : { type: 'function', function: { name: choice.name } };
}

function convertResponseFormat(format: ResponseFormat): Record<string, unknown> {
  switch (format.type) {
    case 'text':
      return { type: 'text' };
    case 'json':
      return { type: 'json_object' };
    case 'json_schema': {
      const schema: Record<string, unknown> = { name: format.name };
      if (format.description !== undefined) schema['description'] = format.description;
      schema['schema'] = format.schema;
      if (format.strict !== undefined) schema['strict'] = format.strict;
      return { type: 'json_schema', json_schema: schema };
    }
  }
}

/**
 * Maps tools, tool choice and response format to Chat Completions fields. No tools means no
 * `tools` and no `tool_choice` (OpenAI rejects a `tool_choice` without tools).
 */
export function prepareOpenAITools(
  settings: Pick<CallSettings, 'tools' | 'toolChoice' | 'responseFormat'>,
): OpenAIToolFields {
  const fields: OpenAIToolFields = {};
  if (settings.tools !== undefined && settings.tools.length > 0) {
    fields.tools = settings.tools.map(convertTool);
    if (settings.toolChoice !== undefined) {
      fields.tool_choice = convertToolChoice(settings.toolChoice);
    }
  }
  if (settings.responseFormat !== undefined) {
    fields.response_format = convertResponseFormat(settings.responseFormat);
  }
  return fields;
}
