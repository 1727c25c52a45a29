import { ConduitValidationError, UnsupportedContentError, type ChatRequest } from '../../core';
import { buildGoogleGenerateBody } from './google-request';

const ASK: ChatRequest = { messages: [{ role: 'user', content: 'Hi' }] };
const TARGET = { model: 'gemini-2.5-flash' };
const WEATHER = {
  name: 'get_weather',
  description: 'Weather of a city',
  parameters: {
    type: 'object',
    properties: { city: { type: 'string' } },
    required: ['city'],
    additionalProperties: false,
  },
};

describe('buildGoogleGenerateBody', () => {
  it('sends only contents for a bare request (no empty generationConfig)', () => {
    expect(buildGoogleGenerateBody(ASK, TARGET)).toEqual({
      body: { contents: [{ role: 'user', parts: [{ text: 'Hi' }] }] },
      warnings: [],
    });
  });

  it('declares tools as functionDeclarations with OpenAPI-subset parameters', () => {
    const { body } = buildGoogleGenerateBody(
      { ...ASK, tools: [WEATHER, { name: 'now', parameters: { type: 'object', properties: {} } }] },
      TARGET,
    );
    expect(body['tools']).toEqual([
      {
        functionDeclarations: [
          {
            name: 'get_weather',
            description: 'Weather of a city',
            parameters: {
              type: 'object',
              properties: { city: { type: 'string' } },
              required: ['city'],
            },
          },
          // No arguments: Gemini refuses an object schema without properties, so none is sent.
          { name: 'now' },
        ],
      },
    ]);
  });

  it('sends parametersJsonSchema untouched in json-schema mode', () => {
    const { body } = buildGoogleGenerateBody(
      { ...ASK, tools: [WEATHER] },
      { ...TARGET, schemaMode: 'json-schema' },
    );
    expect(body['tools']).toEqual([
      {
        functionDeclarations: [
          {
            name: 'get_weather',
            description: 'Weather of a city',
            parametersJsonSchema: WEATHER.parameters,
          },
        ],
      },
    ]);
  });

  it.each([
    ['auto', { mode: 'AUTO' }],
    ['none', { mode: 'NONE' }],
    ['required', { mode: 'ANY' }],
    [
      { type: 'tool', name: 'get_weather' },
      { mode: 'ANY', allowedFunctionNames: ['get_weather'] },
    ],
  ] as const)('maps toolChoice %j to functionCallingConfig %j', (toolChoice, config) => {
    const { body } = buildGoogleGenerateBody({ ...ASK, tools: [WEATHER], toolChoice }, TARGET);
    expect(body['toolConfig']).toEqual({ functionCallingConfig: config });
  });

  it('warns about strict tools and more than 5 stop sequences instead of failing', () => {
    const { body, warnings } = buildGoogleGenerateBody(
      { ...ASK, tools: [{ ...WEATHER, strict: true }], stop: ['a', 'b', 'c', 'd', 'e', 'f'] },
      TARGET,
    );
    expect(body['generationConfig']).toEqual({ stopSequences: ['a', 'b', 'c', 'd', 'e'] });
    expect(warnings.map((w) => w.setting)).toEqual(['tools.strict', 'stop']);
  });

  it('sends plain JSON mode as responseMimeType alone', () => {
    const { body } = buildGoogleGenerateBody({ ...ASK, responseFormat: { type: 'json' } }, TARGET);
    expect(body['generationConfig']).toEqual({ responseMimeType: 'application/json' });
  });

  it("puts thinking in generationConfig.thinkingConfig; the call's providerOptions win", () => {
    const settings = { ...TARGET, thinking: { thinkingBudget: 1024, includeThoughts: true } };
    expect(buildGoogleGenerateBody(ASK, settings).body['generationConfig']).toEqual({
      thinkingConfig: { thinkingBudget: 1024, includeThoughts: true },
    });
    const { body } = buildGoogleGenerateBody(
      {
        ...ASK,
        providerOptions: {
          google: {
            thinkingConfig: { thinkingLevel: 'low' },
            generationConfig: { topK: 40 },
            safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_NONE' }],
            cachedContent: 'cachedContents/abc',
          },
        },
      },
      settings,
    );
    expect(body).toMatchObject({
      generationConfig: { thinkingConfig: { thinkingLevel: 'low' }, topK: 40 },
      safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_NONE' }],
      cachedContent: 'cachedContents/abc',
    });
  });

  it("sends the settings' safetySettings", () => {
    const safetySettings = [
      { category: 'HARM_CATEGORY_HATE_SPEECH', threshold: 'BLOCK_ONLY_HIGH' },
    ];
    expect(
      buildGoogleGenerateBody(ASK, { ...TARGET, safetySettings }).body['safetySettings'],
    ).toEqual(safetySettings);
  });

  it('refuses malformed providerOptions.google with every problem, before any request', () => {
    const call = (): unknown =>
      buildGoogleGenerateBody(
        { ...ASK, providerOptions: { google: { thinkingConfig: 'high', safetySettings: {} } } },
        TARGET,
      );
    expect(call).toThrow(ConduitValidationError);
    expect(call).toThrow(
      /thinkingConfig: must be an object[\s\S]*safetySettings: must be an array/,
    );
  });

  it('fails an inline file over the 20 MB request limit with UnsupportedContentError', () => {
    const big = 'A'.repeat(21 * 1024 * 1024);
    const call = (): unknown =>
      buildGoogleGenerateBody(
        {
          messages: [
            { role: 'user', content: [{ type: 'file', data: big, mediaType: 'application/pdf' }] },
          ],
        },
        TARGET,
      );
    expect(call).toThrow(UnsupportedContentError);
    expect(call).toThrow(/google:gemini-2.5-flash cannot take file \(application\/pdf\)/);
  });
});
