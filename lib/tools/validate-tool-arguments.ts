import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { ArgumentsOutcome } from './tool-arguments';
import { checkJsonSchema } from './json-schema-check';
import type { ToolParameters } from './tool-options.types';
import { flattenValidationErrors } from './validation-issues';

/**
 * Turns checked plain arguments into what the tool method receives: an instance of its DTO class
 * (class-transformer, then class-validator with unknown properties stripped) or, for a raw JSON
 * Schema, the plain object once it passes `checkJsonSchema`. Problems come back as issues,
 * never as a throw.
 */
export async function validateToolArguments(
  value: Record<string, unknown>,
  parameters: ToolParameters | undefined,
): Promise<ArgumentsOutcome<unknown>> {
  if (parameters === undefined) return { ok: true, value };
  if (typeof parameters !== 'function') {
    const issues = checkJsonSchema(parameters, value);
    return issues.length > 0 ? { ok: false, issues } : { ok: true, value };
  }
  const instance = plainToInstance(parameters, value, { exposeDefaultValues: true });
  const errors = await validate(instance, {
    whitelist: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: true },
  });
  const issues = flattenValidationErrors(errors);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: instance };
}
