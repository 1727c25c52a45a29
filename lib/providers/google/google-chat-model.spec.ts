import { lastValueFrom } from 'rxjs';
import { collectStream } from '../../streaming/collect-stream';
import { ContentFilterError, type ChatRequest, type Message } from '../../core';
import {
  GOOGLE_ASK,
  GOOGLE_TEST_KEY,
  googleScript,
  readGoogleFixture,
  useGoogleReplay,
} from '../../../test/support/google-harness';

const replay = useGoogleReplay();

describe('GoogleChatModel.chat() on the hand-written fixtures', () => {
  it('posts to models/{model}:generateContent with the key in x-goog-api-key only', async () => {
    const model = replay.model(googleScript('generate-text.json'));
    await model.chat({
      messages: [
        { role: 'system', content: 'Answer in French.' },
        { role: 'user', content: 'Hello' },
      ],
      temperature: 0.4,
      topP: 0.9,
      maxTokens: 256,
      stop: 'END',
      seed: 7,
    });
    const [request] = replay.server.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
    expect(request?.headers['x-goog-api-key']).toBe(GOOGLE_TEST_KEY);
    expect(request?.path).not.toContain('key=');
    expect(request?.headers['content-type']).toMatch(/^application\/json/);
    // Field by field against GenerateContentRequest (ai.google.dev/api/generate-content).
    expect(request?.body).toEqual({
      systemInstruction: { parts: [{ text: 'Answer in French.' }] },
      contents: [{ role: 'user', parts: [{ text: 'Hello' }] }],
      generationConfig: {
        temperature: 0.4,
        topP: 0.9,
        maxOutputTokens: 256,
        stopSequences: ['END'],
        seed: 7,
      },
    });
  });

  it('maps text, usage (cached and thought tokens), finish reason and metadata', async () => {
    const response = await replay.model(googleScript('generate-text.json')).chat(GOOGLE_ASK);
    expect(response).toMatchObject({
      id: 'fSq3aKXOA9m1nvgPlbmB8AE',
      model: 'gemini-2.5-flash',
      text: 'Bonjour ! Ça va très bien, merci. 🌞',
      content: [{ type: 'text', text: 'Bonjour ! Ça va très bien, merci. 🌞' }],
      toolCalls: [],
      finishReason: 'stop',
      rawFinishReason: 'STOP',
      usage: {
        inputTokens: 2056,
        outputTokens: 82,
        totalTokens: 2138,
        cacheReadTokens: 2048,
        reasoningTokens: 70,
      },
      message: { role: 'assistant', content: 'Bonjour ! Ça va très bien, merci. 🌞' },
    });
    expect(response.providerMetadata['google']).toMatchObject({
      modelVersion: 'gemini-2.5-flash',
      safetyRatings: expect.arrayContaining([
        { category: 'HARM_CATEGORY_HARASSMENT', probability: 'NEGLIGIBLE' },
      ]),
    });
  });

  it('maps parallel function calls, the thought summary and its signature', async () => {
    const response = await replay
      .model(googleScript('generate-function-call-parallel.json'))
      .chat(GOOGLE_ASK);
    const body = JSON.parse(readGoogleFixture('generate-function-call-parallel.json')) as {
      candidates: { content: { parts: { text?: string; thoughtSignature?: string }[] } }[];
    };
    const [thought, first] = body.candidates[0].content.parts;
    expect(response.finishReason).toBe('tool_calls');
    expect(response.rawFinishReason).toBe('STOP');
    expect(response.toolCalls).toEqual([
      {
        id: 'gemcall_Kx63aM2dL5yQnvgP4tGJqAc_0',
        name: 'get_weather',
        arguments: { city: 'Paris', unit: 'celsius' },
        rawArguments: '{"city":"Paris","unit":"celsius"}',
      },
      {
        id: 'gemcall_Kx63aM2dL5yQnvgP4tGJqAc_1',
        name: 'get_weather',
        arguments: { city: 'Tokyo', unit: 'celsius' },
        rawArguments: '{"city":"Tokyo","unit":"celsius"}',
      },
    ]);
    // The signature of the first call closes the thought part, right before the calls.
    expect(response.content).toEqual([
      { type: 'reasoning', text: thought.text, signature: first.thoughtSignature },
    ]);
    expect(response.usage).toMatchObject({ outputTokens: 172, reasoningTokens: 136 });
  });

  it('gives the same response streamed and collected as not streamed', async () => {
    for (const [json, stream] of [
      ['generate-function-call-parallel.json', 'stream-thinking-tools.stream.txt'],
    ] as const) {
      const whole = await replay.model(googleScript(json)).chat(GOOGLE_ASK);
      const collected = await replay.collect(googleScript(stream));
      expect(collected.toolCalls.map((c) => c.arguments)).toEqual(
        whole.toolCalls.map((c) => c.arguments),
      );
      expect(collected.content.map((p) => p.type)).toEqual(whole.content.map((p) => p.type));
      expect(collected.finishReason).toBe(whole.finishReason);
    }
  });

  it('sends structured output as responseMimeType + responseSchema in the OpenAPI subset', async () => {
    const schema = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          recipeName: { type: 'string' },
          ingredients: { type: 'array', items: { type: 'string' } },
          note: { type: ['string', 'null'] },
        },
        required: ['recipeName', 'ingredients'],
      },
    };
    const request: ChatRequest = {
      ...GOOGLE_ASK,
      responseFormat: { type: 'json_schema', name: 'recipes', schema },
    };
    const response = await replay.model(googleScript('generate-structured.json')).chat(request);
    expect(JSON.parse(response.text)).toEqual([
      {
        recipeName: 'Chocolate Chip Cookies',
        ingredients: ['flour', 'butter', 'sugar', 'chocolate chips'],
      },
    ]);
    expect(replay.server.requests[0]?.body).toMatchObject({
      generationConfig: {
        responseMimeType: 'application/json',
        responseSchema: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              recipeName: { type: 'string' },
              ingredients: { type: 'array', items: { type: 'string' } },
              note: { type: 'string', nullable: true },
            },
            required: ['recipeName', 'ingredients'],
          },
        },
      },
    });
    const sent = JSON.stringify(replay.server.requests[0]?.body);
    expect(sent).not.toContain('additionalProperties');
    expect(sent).not.toContain('$schema');
  });

  it('sends the schema untouched as responseJsonSchema in json-schema mode', async () => {
    const schema = {
      type: 'object',
      properties: { a: { type: 'string' } },
      additionalProperties: false,
    };
    await replay
      .model(googleScript('generate-structured.json'), { schemaMode: 'json-schema' })
      .chat({ ...GOOGLE_ASK, responseFormat: { type: 'json_schema', name: 'x', schema } });
    expect(replay.server.requests[0]?.body).toMatchObject({
      generationConfig: { responseMimeType: 'application/json', responseJsonSchema: schema },
    });
  });

  it('fails a blocked prompt with ContentFilterError naming the categories', async () => {
    const error = await replay
      .model(googleScript('generate-blocked-prompt.json'))
      .chat(GOOGLE_ASK)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContentFilterError);
    expect(error).toMatchObject({
      provider: 'google',
      code: 'SAFETY',
      stage: 'prompt',
      categories: ['HARM_CATEGORY_DANGEROUS_CONTENT'],
      isRetryable: false,
    });
  });

  it('passes thought signatures back where they came from in the next turn of a tool loop', async () => {
    const model = replay.model([
      googleScript('generate-function-call-parallel.json'),
      googleScript('generate-text.json'),
    ]);
    const tools = [
      {
        name: 'get_weather',
        description: 'Weather of a city',
        parameters: {
          type: 'object',
          properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius'] } },
          required: ['city'],
        },
      },
    ];
    const first = await model.chat({ ...GOOGLE_ASK, tools });
    const messages: Message[] = [
      ...GOOGLE_ASK.messages,
      first.message,
      ...first.toolCalls.map((call, i): Message => ({
        role: 'tool',
        toolCallId: call.id,
        content: JSON.stringify({ temperature: 20 + i }),
      })),
    ];
    await model.chat({ messages, tools });
    const fixture = JSON.parse(readGoogleFixture('generate-function-call-parallel.json')) as {
      candidates: { content: { parts: Record<string, unknown>[] } }[];
    };
    const second = replay.server.requests[1]?.body as { contents: unknown[] };
    expect(second.contents).toEqual([
      { role: 'user', parts: [{ text: 'Hello' }] },
      // The model turn exactly as Gemini sent it: the thought, the signed first call, the second.
      { role: 'model', parts: fixture.candidates[0].content.parts },
      {
        role: 'user',
        parts: [
          { functionResponse: { name: 'get_weather', response: { output: { temperature: 20 } } } },
          { functionResponse: { name: 'get_weather', response: { output: { temperature: 21 } } } },
        ],
      },
    ]);
  });

  it('collects the streamed tool turn into a message that goes back the same way', async () => {
    const collected = await lastValueFrom(
      replay
        .model(googleScript('stream-thinking-tools.stream.txt'))
        .stream(GOOGLE_ASK)
        .pipe(collectStream()),
    );
    const model = replay.model(googleScript('generate-text.json'));
    await model.chat({ messages: [...GOOGLE_ASK.messages, collected.message] });
    const sent = replay.server.requests[1]?.body as { contents: { parts: unknown[] }[] };
    expect(sent.contents[1]?.parts).toEqual([
      {
        text: '**Planning the lookups**\n\nI need the weather in Paris and Tokyo; both are independent, so I’ll call the tool twice.',
        thought: true,
      },
      {
        functionCall: { name: 'get_weather', args: { city: 'Paris', unit: 'celsius' } },
        thoughtSignature: 'EpYDCpMDAdHtim9hN2Zx3Kq1yT8uVbW0cR4eLsJ6gPoA5iDf7nMkQ',
      },
      { functionCall: { name: 'get_weather', args: { city: 'Tokyo', unit: 'celsius' } } },
    ]);
  });
});
