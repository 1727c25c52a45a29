import type { ChatOptions } from '../chat/chat-options.types';
import type { Message } from '../core';
import type { PreparedSchema } from './object-schema';
import type { GenerateObjectOptions, ResolvedStructuredMode } from './structured-options.types';

/** Options that shape the structured call and are not chat options. */
const OWN_OPTIONS: readonly string[] = [
  'schema',
  'maxRetries',
  'mode',
  'name',
  'description',
  'strict',
  'system',
];

/** The chat options of a structured call: the caller's, minus the structured-output ones. */
export function baseChatOptions(options: GenerateObjectOptions): ChatOptions {
  const rest: Record<string, unknown> = { ...options };
  for (const key of OWN_OPTIONS) delete rest[key];
  return rest;
}

/** The instruction that carries the schema in the modes without a native constraint. */
export function schemaInstruction(schema: PreparedSchema, description?: string): string {
  const about = description === undefined ? '' : `\nThe object: ${description}`;
  return (
    'Answer with one JSON object that matches the JSON Schema below. Reply with the JSON only: ' +
    `no prose and no code fence.${about}\nJSON Schema:\n${JSON.stringify(schema.jsonSchema)}`
  );
}

/**
 * The messages and chat options of one structured call in `mode`: native `json_schema` output,
 * a forced tool, JSON mode, or instructions only (the last two put the schema in a system
 * message, after the caller's own `system`).
 */
export function buildStructuredCall(
  messages: readonly Message[],
  mode: ResolvedStructuredMode,
  schema: PreparedSchema,
  options: GenerateObjectOptions,
): { messages: Message[]; chatOptions: ChatOptions } {
  const base = baseChatOptions(options);
  const system: Message[] =
    options.system === undefined ? [] : [{ role: 'system', content: options.system }];
  if (mode === 'json' || mode === 'prompt') {
    system.push({ role: 'system', content: schemaInstruction(schema, options.description) });
  }
  const strict = options.strict === undefined ? {} : { strict: options.strict };
  const description = options.description === undefined ? {} : { description: options.description };
  let chatOptions: ChatOptions;
  switch (mode) {
    case 'json_schema':
      chatOptions = {
        ...base,
        responseFormat: {
          type: 'json_schema',
          name: schema.name,
          schema: schema.jsonSchema,
          ...description,
          ...strict,
        },
      };
      break;
    case 'tool':
      chatOptions = {
        ...base,
        tools: [
          {
            name: schema.name,
            description: options.description ?? 'Give your answer as the arguments of this tool.',
            parameters: schema.jsonSchema,
            ...strict,
          },
        ],
        toolChoice: { type: 'tool', name: schema.name },
      };
      break;
    case 'json':
      chatOptions = { ...base, responseFormat: { type: 'json' } };
      break;
    case 'prompt':
      chatOptions = base;
      break;
  }
  return { messages: [...system, ...messages], chatOptions };
}
