import { RateLimitError, type ModelCapabilities } from '../core';
import { MockResponses } from '../testing';
import { classToJsonSchema } from '../tools/tool-schema';
import { StructuredOutputError } from './structured-output.error';
import { ADA, AddressDto, PersonDto } from '../../test/fixtures/structured/person.dto';
import { requestAt, useStructuredHarness } from '../../test/support/structured-harness';

const NO_NATIVE: Partial<ModelCapabilities> = { structuredOutput: false };
const JSON_ONLY: Partial<ModelCapabilities> = { structuredOutput: false, tools: false };
const NOTHING: Partial<ModelCapabilities> = {
  structuredOutput: false,
  tools: false,
  jsonMode: false,
};

const { setup } = useStructuredHarness();

describe('generateObject: modes', () => {
  it('uses native json_schema output when the model supports it and returns a DTO instance', async () => {
    const { structured, model } = await setup([JSON.stringify(ADA)]);
    const result = await structured.generate('Who wrote the first program?', { schema: PersonDto });
    expect(result.object).toBeInstanceOf(PersonDto);
    expect(result.object.address).toBeInstanceOf(AddressDto);
    expect(result.object).toEqual(ADA);
    expect(result).toMatchObject({
      mode: 'json_schema',
      attempts: 1,
      rawText: JSON.stringify(ADA),
    });
    const sent = requestAt(model, 0);
    expect(sent.responseFormat).toEqual({
      type: 'json_schema',
      name: 'PersonDto',
      schema: classToJsonSchema(PersonDto),
    });
    expect(sent.tools).toBeUndefined();
    expect(sent.messages).toEqual([{ role: 'user', content: 'Who wrote the first program?' }]);
  });

  it('forces a tool call when the model has tools but no native schema output', async () => {
    const { structured, model } = await setup(
      [MockResponses.toolCall('PersonDto', ADA)],
      NO_NATIVE,
    );
    const result = await structured.generate('Ada?', {
      schema: PersonDto,
      description: 'A person',
    });
    expect(result.mode).toBe('tool');
    expect(result.object).toBeInstanceOf(PersonDto);
    expect(result.rawText).toBe(JSON.stringify(ADA));
    const sent = requestAt(model, 0);
    expect(sent.tools).toEqual([
      { name: 'PersonDto', description: 'A person', parameters: classToJsonSchema(PersonDto) },
    ]);
    expect(sent.toolChoice).toEqual({ type: 'tool', name: 'PersonDto' });
    expect(sent.responseFormat).toBeUndefined();
  });

  it('uses JSON mode with the schema in a system message, reading JSON out of a fence', async () => {
    const answer = `Here:\n\`\`\`json\n${JSON.stringify(ADA)}\n\`\`\``;
    const { structured, model } = await setup([answer], JSON_ONLY);
    const result = await structured.generate('Ada?', { schema: PersonDto, system: 'Be terse.' });
    expect(result.mode).toBe('json');
    expect(result.object).toEqual(ADA);
    const sent = requestAt(model, 0);
    expect(sent.responseFormat).toEqual({ type: 'json' });
    expect(sent.messages[0]).toEqual({ role: 'system', content: 'Be terse.' });
    expect(sent.messages[1]?.role).toBe('system');
    expect(sent.messages[1]?.content).toContain(JSON.stringify(classToJsonSchema(PersonDto)));
    expect(sent.messages[2]).toEqual({ role: 'user', content: 'Ada?' });
  });

  it('falls back to instructions alone when the model has none of the three', async () => {
    const { structured, model } = await setup([`Sure: ${JSON.stringify(ADA)}`], NOTHING);
    const result = await structured.generate('Ada?', { schema: PersonDto });
    expect(result.mode).toBe('prompt');
    expect(requestAt(model, 0).responseFormat).toBeUndefined();
    expect(requestAt(model, 0).messages[0]?.content).toContain('JSON Schema');
  });

  it('honours an explicit mode over the capabilities', async () => {
    const { structured, model } = await setup([MockResponses.toolCall('person', ADA)]);
    const result = await structured.generate('Ada?', {
      schema: PersonDto,
      mode: 'tool',
      name: 'person',
      strict: true,
    });
    expect(result.mode).toBe('tool');
    expect(requestAt(model, 0).tools?.[0]).toMatchObject({ name: 'person', strict: true });
  });
});

describe('generateObject: validation and retries', () => {
  it('sends the problems back and returns the corrected answer, usage summed', async () => {
    const bad = JSON.stringify({ name: 'Ada', age: -1, address: {} });
    const { structured, model } = await setup([
      MockResponses.text(bad, { usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15 } }),
      MockResponses.text(JSON.stringify(ADA), {
        usage: { inputTokens: 20, outputTokens: 6, totalTokens: 26 },
      }),
    ]);
    const result = await structured.generate('Ada?', { schema: PersonDto });
    expect(result.attempts).toBe(2);
    expect(result.usage).toEqual({ inputTokens: 30, outputTokens: 11, totalTokens: 41 });
    const retry = requestAt(model, 1).messages;
    expect(retry.slice(0, 2)).toEqual([
      { role: 'user', content: 'Ada?' },
      { role: 'assistant', content: bad },
    ]);
    const feedback = retry[2];
    expect(feedback.role).toBe('user');
    expect(feedback.content).toContain('age: age must not be less than 0');
    expect(feedback.content).toContain('address.city: city must be a string');
    // The schema is still enforced on the retry.
    expect(requestAt(model, 1).responseFormat).toMatchObject({ type: 'json_schema' });
  });

  it('in tool mode answers the failed call with an error tool result naming the issues', async () => {
    const { structured, model } = await setup(
      [
        MockResponses.toolCall('PersonDto', {
          name: 'Ada',
          age: 'old',
          address: { city: 'London' },
        }),
        MockResponses.toolCall('PersonDto', ADA),
      ],
      NO_NATIVE,
    );
    const result = await structured.generate('Ada?', { schema: PersonDto });
    expect(result.attempts).toBe(2);
    const retry = requestAt(model, 1).messages;
    expect(retry[1]).toMatchObject({
      role: 'assistant',
      toolCalls: [{ id: 'call_mock_1_0', name: 'PersonDto' }],
    });
    expect(retry[2]).toMatchObject({ role: 'tool', toolCallId: 'call_mock_1_0', isError: true });
    expect(retry[2]?.content).toContain('age: age must be an integer number');
    expect(requestAt(model, 1).toolChoice).toEqual({ type: 'tool', name: 'PersonDto' });
  });

  it('in tool mode asks again when the model answered with text instead of the tool', async () => {
    const { structured, model } = await setup(
      ['I think Ada.', MockResponses.toolCall('PersonDto', ADA)],
      NO_NATIVE,
    );
    await structured.generate('Ada?', { schema: PersonDto });
    const retry = requestAt(model, 1).messages;
    expect(retry[1]).toEqual({ role: 'assistant', content: 'I think Ada.' });
    expect(retry[2]?.content).toContain(
      '(root): the answer must be a call of the tool "PersonDto"',
    );
    expect(retry[2]?.content).toContain('Call the tool PersonDto');
  });

  it('fails with StructuredOutputError after maxRetries, carrying raw text, issues and usage', async () => {
    const { structured, model } = await setup([
      MockResponses.text('not json', {
        usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
      }),
      MockResponses.text('{"name": 3}', {
        usage: { inputTokens: 2, outputTokens: 2, totalTokens: 4 },
      }),
    ]);
    const failure = structured.generate('Ada?', { schema: PersonDto, maxRetries: 1 });
    await expect(failure).rejects.toBeInstanceOf(StructuredOutputError);
    const error = (await failure.catch((e: unknown) => e)) as StructuredOutputError;
    expect(error.rawText).toBe('{"name": 3}');
    expect(error.attempts).toBe(2);
    expect(error.usage).toEqual({ inputTokens: 3, outputTokens: 3, totalTokens: 6 });
    expect(error.issues).toContainEqual({ path: 'name', message: 'name must be a string' });
    expect(error.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['age', 'address']));
    expect(error.message).toContain('in 2 attempt(s)');
    expect(model.calls).toBe(2);
  });

  it('reports an answer without JSON, and one cut off by maxTokens', async () => {
    const { structured } = await setup([
      'I cannot answer that.',
      MockResponses.text('{"name": "A', { finishReason: 'length' }),
    ]);
    const error = (await structured
      .generate('Ada?', { schema: PersonDto, maxRetries: 1 })
      .catch((e: unknown) => e)) as StructuredOutputError;
    expect(error.issues).toEqual([
      { path: '(root)', message: 'the answer was cut off by the output token limit (maxTokens)' },
    ]);
  });

  it('makes a single attempt with maxRetries 0', async () => {
    const { structured, model } = await setup(['nope']);
    const error = (await structured
      .generate('Ada?', { schema: PersonDto, maxRetries: 0 })
      .catch((e: unknown) => e)) as StructuredOutputError;
    expect(error.issues).toEqual([
      {
        path: '(root)',
        message: expect.stringMatching(/^the answer contains no JSON object \(Unexpected token/),
      },
    ]);
    expect(model.calls).toBe(1);
  });

  it('drops prototype-polluting keys before class-transformer sees them', async () => {
    const hostile = '{"name":"Ada","age":1,"address":{"city":"x"},"__proto__":{"polluted":true}}';
    const { structured } = await setup([hostile]);
    const person = await structured.generateObject('Ada?', { schema: PersonDto });
    expect(person).toEqual({ name: 'Ada', age: 1, address: { city: 'x' } });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('lets model errors through unchanged', async () => {
    const { structured } = await setup([MockResponses.rateLimited(100)]);
    await expect(structured.generate('Ada?', { schema: PersonDto })).rejects.toBeInstanceOf(
      RateLimitError,
    );
  });
});
