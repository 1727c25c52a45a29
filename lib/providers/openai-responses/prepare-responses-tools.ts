import type { CallSettings, ResponseFormat, ToolChoice, ToolDefinition } from '../../core';

/** The tool and output-format fields of a Responses API body. */
export interface ResponsesToolFields {
  tools?: Record<string, unknown>[];
  tool_choice?: string | Record<string, unknown>;
  text?: { format: Record<string, unknown> };
}

/** Responses API tools are flat: `{ type, name, description, parameters, strict }`. */
function convertTool(tool: ToolDefinition): Record<string, unknown> {
  return {
    type: 'function',
    name: tool.name,
    ...(tool.description !== undefined && { description: tool.description }),
    parameters: tool.parameters,
    // The Responses API defaults `strict` to true, unlike Chat Completions: say false unless asked.
    strict: tool.strict ?? false,
  };
}

function convertToolChoice(choice: ToolChoice): string | Record<string, unknown> {
  return typeof choice === 'string' ? choice : { type: 'function', name: choice.name };
}

function convertFormat(format: ResponseFormat): Record<string, unknown> {
  switch (format.type) {
    case 'text':
      return { type: 'text' };
    case 'json':
      return { type: 'json_object' };
    case 'json_schema':
      return {
        type: 'json_schema',
        name: format.name,
        ...(format.description !== undefined && { description: format.description }),
        schema: format.schema,
        ...(format.strict !== undefined && { strict: format.strict }),
      };
  }
}

/**
 * Maps tools, tool choice and response format to Responses API fields (`tools`, `tool_choice`,
 * `text.format`). No tools means neither `tools` nor `tool_choice`.
 */
export function prepareResponsesTools(
  settings: Pick<CallSettings, 'tools' | 'toolChoice' | 'responseFormat'>,
): ResponsesToolFields {
  const fields: ResponsesToolFields = {};
  if (settings.tools !== undefined && settings.tools.length > 0) {
    fields.tools = settings.tools.map(convertTool);
    if (settings.toolChoice !== undefined)
      fields.tool_choice = convertToolChoice(settings.toolChoice);
  }
  if (settings.responseFormat !== undefined) {
    fields.text = { format: convertFormat(settings.responseFormat) };
  }
  return fields;
}
