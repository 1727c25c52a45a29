import type { Type } from '@nestjs/common';
import { ConduitValidationError, type JsonSchema, type ValidationIssue } from '../core';
import { TOOL_NAME_PATTERN } from '../tools/tool.constants';
import { toolParametersSchema } from '../tools/tool-schema';
import type { ObjectSchema } from './structured-options.types';

/** A schema ready for a call: its JSON Schema and its name. */
export interface PreparedSchema {
  readonly jsonSchema: JsonSchema;
  readonly name: string;
  /** The DTO class, when the schema is one. */
  readonly dto?: Type<object>;
}

function isClass(schema: ObjectSchema): schema is Type<object> {
  return typeof schema === 'function';
}

/** A DTO class name usable as a tool / schema name (`Person Dto` -> `Person_Dto`). */
function nameOf(schema: ObjectSchema, given: string | undefined): string {
  if (given !== undefined) return given;
  if (!isClass(schema)) return 'output';
  const cleaned = schema.name.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64);
  return cleaned === '' ? 'output' : cleaned;
}

/**
 * Checks a schema option and turns it into the JSON Schema sent to the model (DTO classes through
 * the same generator as `@Tool()` parameters). Throws `ConduitValidationError` before any call
 * for a missing schema, a root that is not an object, or a bad name.
 */
export function prepareSchema(schema: unknown, name: string | undefined): PreparedSchema {
  const issues: ValidationIssue[] = [];
  const valid = typeof schema === 'function' || (typeof schema === 'object' && schema !== null);
  if (!valid) {
    issues.push({
      path: 'schema',
      message: 'must be a class-validator DTO class or a JSON Schema',
    });
  } else if (!isClass(schema as ObjectSchema)) {
    const type = (schema as JsonSchema).type;
    if (type !== undefined && type !== 'object') {
      issues.push({
        path: 'schema.type',
        message: `must be "object" (providers only accept an object at the root; wrap ${JSON.stringify(type)} in a property)`,
      });
    }
  }
  if (name !== undefined && !TOOL_NAME_PATTERN.test(name)) {
    issues.push({ path: 'name', message: 'must match ^[a-zA-Z0-9_-]{1,64}$' });
  }
  if (issues.length > 0)
    throw new ConduitValidationError(issues, 'Invalid structured output options');
  const objectSchema = schema as ObjectSchema;
  return {
    jsonSchema: toolParametersSchema(objectSchema),
    name: nameOf(objectSchema, name),
    ...(isClass(objectSchema) ? { dto: objectSchema } : {}),
  };
}
