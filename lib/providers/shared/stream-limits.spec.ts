import { isWireIndex, MAX_TOOL_CALLS_PER_RESPONSE } from './stream-limits';

describe('isWireIndex', () => {
  it('accepts non-negative safe integers, however large', () => {
    expect([0, 1, 1e9, Number.MAX_SAFE_INTEGER].every(isWireIndex)).toBe(true);
  });

  it.each([-1, 1.5, NaN, Infinity, 2 ** 53, '0', null, undefined])('rejects %p', (value) => {
    expect(isWireIndex(value)).toBe(false);
  });

  it('bounds tool calls at a few hundred, above any real answer', () => {
    expect(MAX_TOOL_CALLS_PER_RESPONSE).toBe(256);
  });
});
