import { validateChatOptions, validateEmbedOptions } from './validate-chat-options';

function problems(options: unknown): string[] {
  return validateChatOptions(options).map((i) => `${i.path}: ${i.message}`);
}

describe('validateChatOptions', () => {
  it('accepts no options and valid ones at the edges of their ranges', () => {
    expect(problems(undefined)).toEqual([]);
    expect(
      problems({
        temperature: 0,
        topP: 1,
        maxTokens: 1,
        seed: 7,
        stop: ['\n'],
        model: 'fast',
        timeoutMs: 0,
        signal: new AbortController().signal,
        interceptors: [{ intercept: () => undefined }],
        headers: { 'x-a': 'b' },
        tools: [{ name: 'get_weather', parameters: { type: 'object' } }],
        toolChoice: { type: 'tool', name: 'get_weather' },
        responseFormat: { type: 'json' },
      }),
    ).toEqual([]);
    expect(problems({ temperature: 2, topP: 0, toolChoice: 'required', stop: 'END' })).toEqual([]);
  });

  it('rejects temperature outside [0, 2], topP outside [0, 1] and a bad maxTokens', () => {
    expect(problems({ temperature: -0.1, topP: 1.01, maxTokens: 0 })).toEqual([
      'temperature: must be a number from 0 to 2',
      'topP: must be a number from 0 to 1',
      'maxTokens: must be a positive whole number',
    ]);
    expect(problems({ temperature: '1', maxTokens: 2.5, seed: 0.5 })).toEqual([
      'temperature: must be a number from 0 to 2',
      'maxTokens: must be a positive whole number',
      'seed: must be a whole number',
    ]);
  });

  it('checks the call controls', () => {
    expect(
      problems({
        model: '',
        signal: {},
        timeoutMs: -1,
        interceptors: [class X {}],
        headers: { a: 1 },
        metadata: {},
      }),
    ).toEqual([
      'model: must be a non-empty model alias',
      'signal: must be an AbortSignal',
      'timeoutMs: must be a whole number of milliseconds from 0 (no timeout) to 2147483647',
      'interceptors[0]: must be an object with an intercept(context, next) method (classes go in the module options)',
      'headers: must be an object of string values',
      'metadata: must be a Map',
    ]);
    expect(problems({ interceptors: {} })).toEqual([
      'interceptors: must be an array of interceptor instances',
    ]);
    expect(problems('fast')).toEqual(['options: must be an object']);
  });

  it('checks tools, toolChoice, stop and responseFormat', () => {
    expect(
      problems({
        tools: [{ name: 'bad name', parameters: {} }, { name: 'ok' }, 'tool'],
        toolChoice: { type: 'tool', name: 'missing' },
        stop: [1],
        responseFormat: { type: 'xml' },
      }),
    ).toEqual([
      'stop: must be a string or an array of strings',
      'tools[0].name: must match ^[a-zA-Z0-9_-]{1,64}$',
      'tools[1].parameters: must be a JSON Schema object',
      'tools[2]: must be an object { name, description?, parameters }',
      'toolChoice.name: no tool named "missing" in tools',
      'responseFormat.type: must be one of: text, json, json_schema',
    ]);
    expect(problems({ tools: 'all', toolChoice: 'sometimes' })).toEqual([
      'tools: must be an array of tool definitions',
      "toolChoice: must be 'auto', 'none', 'required' or { type: 'tool', name }",
    ]);
  });
});

describe('validateEmbedOptions', () => {
  it('checks dimensions and the call controls', () => {
    expect(validateEmbedOptions(undefined)).toEqual([]);
    expect(validateEmbedOptions({ dimensions: 256, model: 'small' })).toEqual([]);
    expect(validateEmbedOptions({ dimensions: 0, timeoutMs: 1.5 }).map((i) => i.path)).toEqual([
      'dimensions',
      'timeoutMs',
    ]);
    expect(validateEmbedOptions(3).map((i) => i.path)).toEqual(['options']);
  });
});
