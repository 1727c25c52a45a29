import { describeErrorForClient } from './describe-error-for-client';
import { GuardrailViolationError } from './guardrail-violation.error';

describe('GuardrailViolationError', () => {
  const error = new GuardrailViolationError({
    guardrail: 'PiiRedactionGuardrail',
    category: 'pii',
    stage: 'output',
    reason: 'an email address',
  });

  it('keeps the guardrail, category and stage, and is not retryable', () => {
    expect(error).toMatchObject({
      name: 'GuardrailViolationError',
      guardrail: 'PiiRedactionGuardrail',
      category: 'pii',
      stage: 'output',
      isRetryable: false,
    });
  });

  it('is told to clients as 422 guardrail_blocked with a fixed message, never the reason', () => {
    const described = describeErrorForClient(error);
    expect(described).toEqual({
      status: 422,
      code: 'guardrail_blocked',
      message: 'The content was blocked by a content policy.',
    });
    expect(JSON.stringify(described)).not.toContain('email');
  });

  it('redacts a credential a reason quotes, like every Conduit error', () => {
    const leaky = new GuardrailViolationError({
      guardrail: 'Judge',
      category: 'policy',
      stage: 'input',
      reason: 'saw sk-proj-abcdefghijklmnop1234',
    });
    expect(leaky.message).not.toContain('abcdefghijklmnop1234');
  });
});
