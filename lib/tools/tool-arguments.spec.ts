import type { ToolCall } from '../core';
import { MAX_ARGUMENTS_DEPTH } from './tool.constants';
import { readToolArguments } from './tool-arguments';

function call(rawArguments: string, args: Record<string, unknown> = {}): ToolCall {
  return { id: 'call_1', name: 't', arguments: args, rawArguments };
}

describe('readToolArguments', () => {
  it('parses the raw argument string the model produced', () => {
    expect(readToolArguments(call('{"city":"Paris"}'), 1000)).toEqual({
      ok: true,
      value: { city: 'Paris' },
    });
  });

  it('uses the parsed arguments when present: an interceptor may have rewritten them', () => {
    expect(readToolArguments(call('{"city":"Paris"}', { city: 'Oslo' }), 1000)).toEqual({
      ok: true,
      value: { city: 'Oslo' },
    });
    expect(readToolArguments(call('', { text: 'x'.repeat(100) }), 50)).toEqual({
      ok: false,
      issues: [{ path: '(root)', message: 'arguments are 111 bytes; the limit is 50 bytes' }],
    });
    expect(readToolArguments(call('', { big: 1n }), 50)).toEqual({
      ok: false,
      issues: [{ path: '(root)', message: 'arguments must be JSON data' }],
    });
  });

  it('uses the parsed arguments when the raw string is empty', () => {
    expect(readToolArguments(call('', { a: 1 }), 1000)).toEqual({ ok: true, value: { a: 1 } });
  });

  it('rejects a payload over the byte limit before parsing it', () => {
    const parse = jest.spyOn(JSON, 'parse');
    const outcome = readToolArguments(call(`{"q":"${'é'.repeat(600)}"}`), 1000);
    expect(parse).not.toHaveBeenCalled();
    parse.mockRestore();
    expect(outcome).toEqual({
      ok: false,
      issues: [{ path: '(root)', message: 'arguments are 1208 bytes; the limit is 1000 bytes' }],
    });
  });

  it('reports invalid JSON and non-object arguments as issues', () => {
    const invalid = readToolArguments(call('{"city": '), 1000);
    expect(invalid.ok).toBe(false);
    expect(!invalid.ok && invalid.issues[0]?.message).toMatch(/^arguments are not valid JSON/);
    expect(readToolArguments(call('[1,2]'), 1000)).toEqual({
      ok: false,
      issues: [{ path: '(root)', message: 'arguments must be a JSON object' }],
    });
  });

  it('refuses __proto__, constructor and prototype keys at any depth, naming each path', () => {
    const raw =
      '{"__proto__":{"polluted":true},"a":{"constructor":{"prototype":{"x":1}}},"list":[{"prototype":1}]}';
    expect(readToolArguments(call(raw), 10_000)).toEqual({
      ok: false,
      issues: [
        { path: '__proto__', message: 'the key "__proto__" is not allowed' },
        { path: 'a.constructor', message: 'the key "constructor" is not allowed' },
        { path: 'list[0].prototype', message: 'the key "prototype" is not allowed' },
      ],
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses nesting deeper than the limit', () => {
    const depth = MAX_ARGUMENTS_DEPTH + 5;
    const raw = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    const outcome = readToolArguments(call(raw), 100_000);
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.issues[0]?.message).toBe(
      `nested deeper than ${MAX_ARGUMENTS_DEPTH} levels`,
    );
  });
});
