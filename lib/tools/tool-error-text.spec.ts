import { BadRequestException, ForbiddenException, NotFoundException } from '@nestjs/common';
import { ConduitValidationError, TimeoutError, type ToolCall } from '../core';
import { describeError, errorClassName, failureMessage, maskSecrets } from './tool-error-text';
import { ToolError } from './tool.error';

const toolCall: ToolCall = { id: 'call_1', name: 'getOrder', arguments: {}, rawArguments: '{}' };
const safe = (error: unknown): string => failureMessage(toolCall, error, false);

describe('failureMessage (what the model reads of a failure)', () => {
  it('withholds the message of an error not written for the model, naming its class', () => {
    expect(safe(new Error('postgres://admin:hunter2@db/prod refused'))).toBe(
      'Tool "getOrder" failed (Error). The error details were withheld.',
    );
    expect(safe(new TypeError('x is undefined'))).toBe(
      'Tool "getOrder" failed (TypeError). The error details were withheld.',
    );
    expect(safe('a thrown string')).toBe(
      'Tool "getOrder" failed (thrown string). The error details were withheld.',
    );
  });

  it('shows the message of errors written for the model', () => {
    expect(safe(new ToolError('No order with that id'))).toBe(
      'Tool "getOrder" failed: No order with that id',
    );
    expect(
      safe(new ConduitValidationError([{ path: 'orderId', message: 'must be a string' }])),
    ).toBe('Tool "getOrder" failed: Invalid input:\n  - orderId: must be a string');
    expect(safe(new BadRequestException(['orderId must be a string', 'qty must be > 0']))).toBe(
      'Tool "getOrder" failed: orderId must be a string; qty must be > 0.',
    );
    expect(safe(new NotFoundException('No order 42'))).toBe('Tool "getOrder" failed: No order 42.');
    expect(safe(new ForbiddenException('not your order'))).toBe(
      'Tool "getOrder" is not allowed: not your order.',
    );
    expect(safe(new TimeoutError(50, 'Tool "getOrder" did not finish within 50 ms.'))).toBe(
      'Tool "getOrder" did not finish within 50 ms.',
    );
  });

  it('shows every message when verbose', () => {
    expect(failureMessage(toolCall, new Error('disk full'), true)).toBe(
      'Tool "getOrder" failed: disk full',
    );
  });
});

describe('errorClassName', () => {
  it('names a subclass that never set its name by its constructor, and refuses odd names', () => {
    class OutOfStockError extends Error {}
    expect(errorClassName(new OutOfStockError('x'))).toBe('OutOfStockError');
    const odd = Object.assign(new Error('x'), { name: 'Error: see postgres://a:b@c' });
    expect(errorClassName(odd)).toBe('Error');
  });
});

describe('describeError (the log line)', () => {
  it('keeps the whole message on one line', () => {
    expect(describeError(new Error('query failed:\n  SELECT 1\n  at db'))).toBe(
      'Error: query failed: SELECT 1 at db',
    );
  });
});

describe('maskSecrets', () => {
  it('masks URL passwords, API keys and bearer tokens, and leaves the rest', () => {
    expect(maskSecrets('postgres://admin:hunter2@db/prod refused')).toBe(
      'postgres://admin:[REDACTED]@db/prod refused',
    );
    expect(maskSecrets('redis://:p@ss:w0rd@cache:6379 and https://example.com/a@b')).toBe(
      'redis://:[REDACTED]@cache:6379 and https://example.com/a@b',
    );
    expect(maskSecrets('key sk-proj-abcdefgh12345678, Authorization: Bearer abc.def')).toBe(
      'key [REDACTED], Authorization: [REDACTED]',
    );
    expect(maskSecrets('No order 42.')).toBe('No order 42.');
  });
});
