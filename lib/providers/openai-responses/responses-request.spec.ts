import type { Message, ToolDefinition } from '../../core';
import { buildResponsesBody } from './responses-request';

const WEATHER: ToolDefinition = {
  name: 'get_weather',
  description: 'Weather of a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

/** A tool loop as the user holds it: the assistant turn echoed back with its reasoning and calls. */
const CONVERSATION: Message[] = [
  { role: 'system', content: 'Be brief.' },
  {
    role: 'user',
    content: [
      { type: 'text', text: 'Weather in Paris and Rome? See the map.' },
      { type: 'image', data: 'iVBORw0KGgo=', mediaType: 'image/png', detail: 'low' },
      { type: 'image', url: 'https://example.com/map.png' },
    ],
  },
  {
    role: 'assistant',
    content: [
      {
        type: 'reasoning',
        text: 'Two cities: two calls.',
        signature: 'rs_123',
        redactedData: 'gAAAA-enc',
      },
      { type: 'reasoning', text: 'thinking from another provider', signature: 'anthropic-sig' },
      { type: 'text', text: 'Checking.' },
    ],
    toolCalls: [
      {
        id: 'call_1',
        name: 'get_weather',
        arguments: { city: 'Paris' },
        rawArguments: '{"city":"Paris"}',
      },
      { id: 'call_2', name: 'get_weather', arguments: { city: 'Rome' }, rawArguments: '' },
    ],
  },
  { role: 'tool', toolCallId: 'call_1', toolName: 'get_weather', content: '18°C' },
  { role: 'tool', toolCallId: 'call_2', toolName: 'get_weather', content: '24°C' },
  { role: 'assistant', content: 'Paris 18°C, Rome 24°C.' },
  { role: 'user', content: 'Thanks' },
];

describe('buildResponsesBody', () => {
  it('serializes a multi-turn tool conversation as Responses API input items', () => {
    const { body, warnings } = buildResponsesBody(
      {
        messages: CONVERSATION,
        tools: [WEATHER],
        toolChoice: { type: 'tool', name: 'get_weather' },
      },
      { model: 'gpt-5.4', providerName: 'openai', stream: false },
    );
    expect(warnings).toEqual([]);
    expect(body).toEqual({
      model: 'gpt-5.4',
      input: [
        { role: 'system', content: 'Be brief.' },
        {
          role: 'user',
          content: [
            { type: 'input_text', text: 'Weather in Paris and Rome? See the map.' },
            { type: 'input_image', image_url: 'data:image/png;base64,iVBORw0KGgo=', detail: 'low' },
            { type: 'input_image', image_url: 'https://example.com/map.png', detail: 'auto' },
          ],
        },
        {
          type: 'reasoning',
          id: 'rs_123',
          summary: [{ type: 'summary_text', text: 'Two cities: two calls.' }],
          encrypted_content: 'gAAAA-enc',
        },
        { role: 'assistant', content: 'Checking.' },
        {
          type: 'function_call',
          call_id: 'call_1',
          name: 'get_weather',
          arguments: '{"city":"Paris"}',
        },
        // No raw text kept: the parsed arguments are serialized.
        {
          type: 'function_call',
          call_id: 'call_2',
          name: 'get_weather',
          arguments: '{"city":"Rome"}',
        },
        { type: 'function_call_output', call_id: 'call_1', output: '18°C' },
        { type: 'function_call_output', call_id: 'call_2', output: '24°C' },
        { role: 'assistant', content: 'Paris 18°C, Rome 24°C.' },
        { role: 'user', content: 'Thanks' },
      ],
      tools: [
        {
          type: 'function',
          name: 'get_weather',
          description: 'Weather of a city',
          parameters: WEATHER.parameters,
          strict: false,
        },
      ],
      tool_choice: { type: 'function', name: 'get_weather' },
    });
  });

  it('sends a reasoning item without summary text as an empty summary list', () => {
    const { body } = buildResponsesBody(
      {
        messages: [
          { role: 'assistant', content: [{ type: 'reasoning', text: '', signature: 'rs_9' }] },
        ],
      },
      { model: 'o3', providerName: 'openai', stream: false },
    );
    expect(body['input']).toEqual([{ type: 'reasoning', id: 'rs_9', summary: [] }]);
  });

  it('merges the summary part and the encrypted part of one reasoning item', () => {
    const { body } = buildResponsesBody(
      {
        messages: [
          {
            role: 'assistant',
            content: [
              { type: 'reasoning', text: 'Plan.', signature: 'rs_1' },
              { type: 'reasoning', text: '', signature: 'rs_1', redactedData: 'enc-1' },
              { type: 'reasoning', text: '', signature: 'rs_2', redactedData: 'enc-2' },
            ],
          },
        ],
      },
      { model: 'o3', providerName: 'openai', stream: false },
    );
    expect(body['input']).toEqual([
      {
        type: 'reasoning',
        id: 'rs_1',
        summary: [{ type: 'summary_text', text: 'Plan.' }],
        encrypted_content: 'enc-1',
      },
      { type: 'reasoning', id: 'rs_2', summary: [], encrypted_content: 'enc-2' },
    ]);
  });

  it('maps settings, reasoning options and output formats', () => {
    const { body } = buildResponsesBody(
      {
        messages: [{ role: 'user', content: 'Hi' }],
        temperature: 0.2,
        topP: 0.9,
        maxTokens: 300,
        tools: [{ ...WEATHER, strict: true }],
        toolChoice: 'required',
        responseFormat: {
          type: 'json_schema',
          name: 'w',
          schema: { type: 'object' },
          strict: true,
          description: 'd',
        },
      },
      {
        model: 'gpt-5',
        providerName: 'openai',
        stream: true,
        reasoningEffort: 'low',
        reasoningSummary: 'auto',
        includeEncryptedReasoning: true,
        store: false,
      },
    );
    expect(body).toMatchObject({
      temperature: 0.2,
      top_p: 0.9,
      max_output_tokens: 300,
      tool_choice: 'required',
      text: {
        format: {
          type: 'json_schema',
          name: 'w',
          description: 'd',
          schema: { type: 'object' },
          strict: true,
        },
      },
      reasoning: { effort: 'low', summary: 'auto' },
      include: ['reasoning.encrypted_content'],
      store: false,
      stream: true,
    });
    expect((body['tools'] as { strict: boolean }[])[0]?.strict).toBe(true);
    const json = buildResponsesBody(
      { messages: [], responseFormat: { type: 'json' } },
      { model: 'm', providerName: 'openai', stream: false },
    );
    expect(json.body['text']).toEqual({ format: { type: 'json_object' } });
    const text = buildResponsesBody(
      { messages: [], responseFormat: { type: 'text' } },
      { model: 'm', providerName: 'openai', stream: false },
    );
    expect(text.body['text']).toEqual({ format: { type: 'text' } });
  });

  it('turns stop, seed and a tool choice without tools into warnings', () => {
    const { body, warnings } = buildResponsesBody(
      { messages: [], stop: ['END'], seed: 7, toolChoice: 'auto' },
      { model: 'm', providerName: 'openai', stream: false },
    );
    expect(warnings.map((w) => w.setting)).toEqual(['stop', 'seed', 'toolChoice']);
    expect(body).toEqual({ model: 'm', input: [] });
  });

  it('merges provider options last: openai first, then the custom provider name', () => {
    const { body } = buildResponsesBody(
      {
        messages: [],
        maxTokens: 10,
        providerOptions: {
          openai: { previous_response_id: 'resp_1', max_output_tokens: 20 },
          xai: { max_output_tokens: 30 },
          anthropic: { ignored: true },
        },
      },
      { model: 'grok-4.3', providerName: 'xai', stream: false },
    );
    expect(body).toEqual({
      model: 'grok-4.3',
      input: [],
      previous_response_id: 'resp_1',
      max_output_tokens: 30,
    });
  });
});
