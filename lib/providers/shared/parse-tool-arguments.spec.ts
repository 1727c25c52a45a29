import { invalidToolArgumentsWarning, parseToolArguments } from './parse-tool-arguments';

describe('parseToolArguments', () => {
  it('parses a JSON object', () => {
    expect(parseToolArguments('{"city": "Paris"}')).toEqual({
      arguments: { city: 'Paris' },
      valid: true,
    });
  });

  it('treats an empty or blank string as no arguments', () => {
    expect(parseToolArguments('')).toEqual({ arguments: {}, valid: true });
    expect(parseToolArguments('  ')).toEqual({ arguments: {}, valid: true });
  });

  it.each(['{"city": "Par', '[1,2]', '"text"', 'null', '42'])(
    'marks %p invalid with {} arguments',
    (raw) => {
      expect(parseToolArguments(raw)).toEqual({ arguments: {}, valid: false });
    },
  );
});

describe('invalidToolArgumentsWarning', () => {
  it('names the call and says where the text is kept', () => {
    const warning = invalidToolArgumentsWarning({
      id: 'call_1',
      name: 'lookup',
      arguments: {},
      rawArguments: '{',
    });
    expect(warning.setting).toBe('toolCalls');
    expect(warning.message).toContain('call_1 (lookup)');
    expect(warning.message).toContain('rawArguments');
  });
});
