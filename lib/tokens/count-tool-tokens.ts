import type { ToolDefinition } from '../core';
import type { Tokenizer } from './tokenizer';
import { isRecord } from '../core/is-record';

/**
 * Per-function constants of OpenAI's function rendering, from the OpenAI cookbook
 * ("How to count tokens with tiktoken", `num_tokens_for_tools`): o200k models start each function
 * with 7 tokens, cl100k models with 10.
 */
const TOOL_OVERHEAD = {
  o200k_base: { funcInit: 7, propInit: 3, propKey: 3, enumInit: -3, enumItem: 3, funcEnd: 12 },
  cl100k_base: { funcInit: 10, propInit: 3, propKey: 3, enumInit: -3, enumItem: 3, funcEnd: 12 },
} as const;

function stripFinalPeriod(text: string): string {
  return text.endsWith('.') ? text.slice(0, -1) : text;
}

function asRecord(value: unknown): Readonly<Record<string, unknown>> | undefined {
  return isRecord(value) ? value : undefined;
}

/**
 * Tokens the tool definitions add to a prompt, following the cookbook's formula: per function its
 * `name:description` line, per top-level property its `name:type:description` line and enum
 * values. Nested schemas (objects inside properties) are not covered by the formula; their JSON
 * is counted instead, which slightly overestimates.
 */
export function countToolTokens(tools: readonly ToolDefinition[], tokenizer: Tokenizer): number {
  if (tools.length === 0) return 0;
  const c = TOOL_OVERHEAD[tokenizer.encoding];
  let total = 0;
  for (const tool of tools) {
    total += c.funcInit;
    total += tokenizer.countText(`${tool.name}:${stripFinalPeriod(tool.description ?? '')}`);
    const properties = asRecord(tool.parameters['properties']) ?? {};
    const keys = Object.keys(properties);
    if (keys.length > 0) total += c.propInit;
    for (const key of keys) {
      const property = asRecord(properties[key]) ?? {};
      total += c.propKey;
      const enumValues = property['enum'];
      if (Array.isArray(enumValues)) {
        total += c.enumInit;
        for (const item of enumValues) total += c.enumItem + tokenizer.countText(String(item));
      }
      const type = typeof property['type'] === 'string' ? property['type'] : 'object';
      const description =
        typeof property['description'] === 'string' ? property['description'] : '';
      total += tokenizer.countText(`${key}:${type}:${stripFinalPeriod(description)}`);
      const nested = property['properties'] ?? property['items'];
      if (nested !== undefined) total += tokenizer.countText(JSON.stringify(nested));
    }
  }
  return total + c.funcEnd;
}
