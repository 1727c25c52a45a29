import { mapAnthropicStopReason } from './map-anthropic-stop-reason';

describe('mapAnthropicStopReason', () => {
  it.each([
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['max_tokens', 'length'],
    ['model_context_window_exceeded', 'length'],
    ['tool_use', 'tool_calls'],
    ['refusal', 'content_filter'],
    ['pause_turn', 'other'],
    ['a_future_reason', 'other'],
  ] as const)('maps %s to %s', (raw, expected) => {
    expect(mapAnthropicStopReason(raw)).toBe(expected);
  });

  it('maps a missing stop reason to other', () => {
    expect(mapAnthropicStopReason(null)).toBe('other');
    expect(mapAnthropicStopReason(undefined)).toBe('other');
  });
});
