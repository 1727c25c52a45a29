import { Inject, Injectable, Optional } from '@nestjs/common';
import type { JsonSchema, ToolCall } from '../core';
import { checkJsonSchema } from '../tools/json-schema-check';
import { Guardrail } from './guardrail';
import { SCHEMA_GUARDRAIL_OPTIONS } from './guardrail-options.tokens';
import type { GuardrailCheckContext, GuardrailDecision, GuardrailOptions } from './guardrail.types';
import { checkBounds } from './schema/check-bounds';

/** A rule on one tool's arguments: a JSON Schema, or a function that lists the problems. */
export type ToolArgumentsRule =
  JsonSchema | ((args: Record<string, unknown>, toolCall: ToolCall) => readonly string[]);

/** Options of `SchemaGuardrail`. */
export interface SchemaGuardrailOptions extends GuardrailOptions {
  /** Rules by tool name; tools without a rule pass. */
  readonly tools: Readonly<Record<string, ToolArgumentsRule>>;
}

/**
 * Checks tool arguments against rules beyond the tool's own DTO, before the tool runs: a JSON
 * Schema (types, `enum`, `const`, `required`, `properties`, `additionalProperties: false`,
 * `items`, and the bounds `minimum`, `maximum`, `minLength`, `maxLength`, `maxItems`), or a
 * function for business rules (`amount` under the user's limit). A call that breaks a rule is
 * blocked (category `invalid_arguments`): the tool does not run and the model receives a tool
 * error it can correct.
 *
 * @example
 * new SchemaGuardrail({ tools: { refund: { type: 'object', properties: { amount: { type: 'number', maximum: 100 } } } } })
 */
@Injectable()
export class SchemaGuardrail extends Guardrail {
  constructor(
    @Inject(SCHEMA_GUARDRAIL_OPTIONS)
    @Optional()
    protected override readonly options: SchemaGuardrailOptions = { tools: {} },
  ) {
    super(options);
  }

  protected override checkToolCall(
    toolCall: ToolCall,
    _context: GuardrailCheckContext,
  ): GuardrailDecision<Record<string, unknown>> {
    const rule = this.options.tools[toolCall.name];
    if (rule === undefined) return { allow: true };
    const problems =
      typeof rule === 'function'
        ? rule(toolCall.arguments, toolCall)
        : [
            ...checkJsonSchema(rule, toolCall.arguments),
            ...checkBounds(rule, toolCall.arguments),
          ].map((issue) => `${issue.path}: ${issue.message}`);
    if (problems.length === 0) return { allow: true };
    return { block: true, reason: problems.join('; '), category: 'invalid_arguments' };
  }
}
