import type { ModelCapabilities } from '../core';
import { resolveStructuredMode } from './structured-mode';

const caps = (over: Partial<ModelCapabilities>): ModelCapabilities => ({
  streaming: true,
  tools: true,
  vision: false,
  jsonMode: true,
  structuredOutput: true,
  reasoning: false,
  ...over,
});

describe('resolveStructuredMode', () => {
  it.each([
    [{}, 'json_schema'],
    [{ structuredOutput: false }, 'tool'],
    [{ structuredOutput: false, tools: false }, 'json'],
    [{ structuredOutput: false, tools: false, jsonMode: false }, 'prompt'],
  ] as const)('auto with %j picks %s', (over, mode) => {
    expect(resolveStructuredMode(undefined, caps(over))).toBe(mode);
    expect(resolveStructuredMode('auto', caps(over))).toBe(mode);
  });

  it('keeps an explicit mode', () => {
    expect(resolveStructuredMode('prompt', caps({}))).toBe('prompt');
  });
});
