import type { ToolDefinition } from '../../core';
import { prepareOpenAITools } from './prepare-openai-tools';

const weather: ToolDefinition = {
  name: 'weather',
  description: 'Weather of a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } } },
  strict: true,
};

describe('prepareOpenAITools', () => {
  it('maps tools to function tools with strict inside the function', () => {
    expect(
      prepareOpenAITools({ tools: [weather, { name: 'now', parameters: { type: 'object' } }] }),
    ).toEqual({
      tools: [
        {
          type: 'function',
          function: {
            name: 'weather',
            description: 'Weather of a city',
            parameters: { type: 'object', properties: { city: { type: 'string' } } },
            strict: true,
          },
        },
        { type: 'function', function: { name: 'now', parameters: { type: 'object' } } },
      ],
    });
  });

  it.each(['auto', 'none', 'required'] as const)('passes tool choice %p through', (choice) => {
    expect(prepareOpenAITools({ tools: [weather], toolChoice: choice }).tool_choice).toBe(choice);
  });

  it('maps a forced tool to {type: "function", function: {name}}', () => {
    expect(
      prepareOpenAITools({ tools: [weather], toolChoice: { type: 'tool', name: 'weather' } })
        .tool_choice,
    ).toEqual({
      type: 'function',
      function: { name: 'weather' },
    });
  });

  it('sends neither tools nor tool_choice without tools', () => {
    expect(prepareOpenAITools({ tools: [], toolChoice: 'required' })).toEqual({});
    expect(prepareOpenAITools({ toolChoice: 'auto' })).toEqual({});
  });

  it('maps response formats', () => {
    expect(prepareOpenAITools({ responseFormat: { type: 'text' } })).toEqual({
      response_format: { type: 'text' },
    });
    expect(prepareOpenAITools({ responseFormat: { type: 'json' } })).toEqual({
      response_format: { type: 'json_object' },
    });
    expect(
      prepareOpenAITools({
        responseFormat: {
          type: 'json_schema',
          name: 'city',
          schema: { type: 'object' },
          description: 'A city',
          strict: true,
        },
      }),
    ).toEqual({
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: 'city',
          description: 'A city',
          schema: { type: 'object' },
          strict: true,
        },
      },
    });
    expect(
      prepareOpenAITools({ responseFormat: { type: 'json_schema', name: 'n', schema: {} } }),
    ).toEqual({
      response_format: { type: 'json_schema', json_schema: { name: 'n', schema: {} } },
    });
  });
});
