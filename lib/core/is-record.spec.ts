import { isRecord } from './is-record';

describe('isRecord', () => {
  it('accepts plain objects and class instances', () => {
    expect(isRecord({})).toBe(true);
    expect(isRecord({ a: 1 })).toBe(true);
    expect(isRecord(Object.create(null))).toBe(true);
    expect(isRecord(new Date(0))).toBe(true);
  });

  it('rejects null, arrays, functions and primitives', () => {
    for (const value of [null, undefined, [], [1], () => 1, 'x', 1, true, Symbol('s')]) {
      expect(isRecord(value)).toBe(false);
    }
  });
});
