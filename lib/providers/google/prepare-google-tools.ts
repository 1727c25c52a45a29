import type { CallWarning, ToolChoice, ToolDefinition } from '../../core';
import type { GoogleSchemaMode } from './google-settings.types';
import { toGoogleSchema } from './to-google-schema';

/** The `tools` and `toolConfig` fields of a request, and what could not be honoured. */
export interface GoogleTools {
  readonly tools?: readonly Record<string, unknown>[];
  readonly toolConfig?: Record<string, unknown>;
  readonly warnings: readonly CallWarning[];
}

function declaration(tool: ToolDefinition, mode: GoogleSchemaMode): Record<string, unknown> {
  const parameters =
    mode === 'json-schema'
      ? { parametersJsonSchema: tool.parameters }
      : { parameters: toGoogleSchema(tool.parameters) };
  return {
    name: tool.name,
    ...(tool.description !== undefined && { description: tool.description }),
    ...(parameters.parameters !== undefined || mode === 'json-schema' ? parameters : {}),
  };
}

function functionCallingConfig(choice: ToolChoice): Record<string, unknown> {
  if (choice === 'auto') return { mode: 'AUTO' };
  if (choice === 'none') return { mode: 'NONE' };
  if (choice === 'required') return { mode: 'ANY' };
  return { mode: 'ANY', allowedFunctionNames: [choice.name] };
}

/**
 * Tools as one `functionDeclarations` tool (parameters in the OpenAPI subset, or as JSON Schema in
 * `json-schema` mode), and `toolChoice` as `toolConfig.functionCallingConfig`: `auto` AUTO,
 * `none` NONE, `required` ANY, a named tool ANY limited to it by `allowedFunctionNames`. `strict`
 * has no Gemini field (declarations are always followed) and draws a warning; `cacheControl` is
 * ignored (Gemini caches on its own).
 */
export function prepareGoogleTools(
  tools: readonly ToolDefinition[] | undefined,
  toolChoice: ToolChoice | undefined,
  mode: GoogleSchemaMode,
): GoogleTools {
  const warnings: CallWarning[] = [];
  if (tools === undefined || tools.length === 0) {
    if (toolChoice !== undefined && toolChoice !== 'auto' && toolChoice !== 'none') {
      warnings.push({ setting: 'toolChoice', message: 'not sent: the request has no tools' });
    }
    return { warnings };
  }
  if (tools.some((tool) => tool.strict === true)) {
    warnings.push({
      setting: 'tools.strict',
      message: 'Gemini has no strict flag; the declarations were sent without it',
    });
  }
  return {
    tools: [{ functionDeclarations: tools.map((tool) => declaration(tool, mode)) }],
    ...(toolChoice !== undefined && {
      toolConfig: { functionCallingConfig: functionCallingConfig(toolChoice) },
    }),
    warnings,
  };
}
