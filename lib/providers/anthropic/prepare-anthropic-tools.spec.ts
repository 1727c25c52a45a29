import type { ToolDefinition } from '../../core';
import { prepareAnthropicTools } from './prepare-anthropic-tools';

const weather: ToolDefinition = {
  name: 'get_weather',
  description: 'Weather of a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
const time: ToolDefinition = {
  name: 'get_time',
  parameters: { type: 'object', properties: {} },
  strict: true,
};

describe('prepareAnthropicTools', () => {
  it('maps tools to name, description and input_schema (strict when set)', () => {
    expect(prepareAnthropicTools({ tools: [weather, time] })).toEqual({
      tools: [
        { name: 'get_weather', description: 'Weather of a city', input_schema: weather.parameters },
        { name: 'get_time', input_schema: time.parameters, strict: true },
      ],
      warnings: [],
    });
  });

  it.each([
    ['auto', { type: 'auto' }],
    ['required', { type: 'any' }],
    ['none', { type: 'none' }],
    [
      { type: 'tool', name: 'get_time' },
      { type: 'tool', name: 'get_time' },
    ],
  ] as const)('maps toolChoice %j to %j', (toolChoice, expected) => {
    expect(prepareAnthropicTools({ tools: [weather], toolChoice }).tool_choice).toEqual(expected);
  });

  it('sends neither field without tools, and warns about a tool choice or breakpoint with nothing to apply to', () => {
    expect(prepareAnthropicTools({})).toEqual({ warnings: [] });
    expect(
      prepareAnthropicTools({ tools: [], toolChoice: 'required' }, { type: 'ephemeral' }),
    ).toEqual({
      warnings: [
        { setting: 'toolChoice', message: 'ignored because no tools were given' },
        {
          setting: 'providerOptions.anthropic.cacheControl.tools',
          message: expect.stringContaining('no tools'),
        },
      ],
    });
  });

  it('puts cache_control on a marked tool, and the request-level breakpoint on the last tool', () => {
    const marked = prepareAnthropicTools({
      tools: [{ ...weather, cacheControl: { type: 'ephemeral', ttl: '1h' } }, time],
    });
    expect(marked.tools?.[0]?.['cache_control']).toEqual({ type: 'ephemeral', ttl: '1h' });
    expect(marked.tools?.[1]?.['cache_control']).toBeUndefined();

    const requestLevel = prepareAnthropicTools({ tools: [weather, time] }, { type: 'ephemeral' });
    expect(requestLevel.tools?.[0]?.['cache_control']).toBeUndefined();
    expect(requestLevel.tools?.[1]?.['cache_control']).toEqual({ type: 'ephemeral' });
  });

  it('keeps the last tool own breakpoint over the request-level one', () => {
    const fields = prepareAnthropicTools(
      { tools: [{ ...time, cacheControl: { type: 'ephemeral', ttl: '1h' } }] },
      { type: 'ephemeral' },
    );
    expect(fields.tools?.[0]?.['cache_control']).toEqual({ type: 'ephemeral', ttl: '1h' });
  });
});
