import { mapOpenAIFinishReason } from './map-openai-finish-reason';

describe('mapOpenAIFinishReason', () => {
  it.each([
    ['stop', 'stop'],
    ['length', 'length'],
    ['tool_calls', 'tool_calls'],
    ['function_call', 'tool_calls'],
    ['content_filter', 'content_filter'],
    ['something_new', 'other'],
    [null, 'other'],
    [undefined, 'other'],
  ] as const)('%p -> %p', (raw, expected) => {
    expect(mapOpenAIFinishReason(raw)).toBe(expected);
  });
});
