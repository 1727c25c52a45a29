import type { Type } from '@nestjs/common';
import type { JsonSchema } from '../../../core';
import { isRecord } from '../../../core/is-record';
import { findJson } from '../../../structured/parsers/extract-json';
import { validateToolArguments } from '../../../tools/validate-tool-arguments';
import type { Scorer } from '../eval.types';
import { defineScorer } from './define-scorer';

/**
 * 1 when the output is a valid object of `schema`: a class-validator DTO class (transformed and
 * validated like a tool's arguments) or a JSON Schema (type, enum, const, required, properties,
 * additionalProperties: false, items). A string output is searched for its JSON object first.
 * The reason lists every `path: problem`.
 */
export function jsonSchema(
  schema: Type<object> | JsonSchema,
  options: { readonly pick?: (output: unknown) => unknown } = {},
): Scorer {
  return defineScorer('jsonSchema', async ({ output }) => {
    const picked = options.pick === undefined ? output : options.pick(output);
    let value: unknown = picked;
    if (typeof picked === 'string') {
      const found = findJson(picked, 'object');
      if (!found.ok) return { score: 0, reason: 'the output contains no JSON object' };
      value = found.value;
    }
    if (!isRecord(value)) return { score: 0, reason: 'the output is not an object' };
    // A DTO instance is checked as the plain data it holds.
    const plain = JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
    const outcome = await validateToolArguments(plain, schema);
    return outcome.ok
      ? { score: 1 }
      : {
          score: 0,
          reason: outcome.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '),
        };
  });
}
