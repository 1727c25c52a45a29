import { ConduitValidationError } from '../core';
import { MockResponses } from '../testing';
import { classificationSchema } from './classify';
import { EXTRACTION_INSTRUCTIONS } from './extraction-messages';
import { ADA, PersonDto } from '../../test/fixtures/structured/person.dto';
import { useStructuredHarness } from '../../test/support/structured-harness';

const { setup } = useStructuredHarness();

describe('classify', () => {
  const labels = [
    'bug',
    { name: 'feature', description: 'a request for something new' },
    'question',
  ] as const;

  it('enforces the labels with an enum schema and returns the chosen one', async () => {
    const { structured, model } = await setup(['{"label": "feature"}']);
    const result = await structured.classify('Please add dark mode', labels);
    expect(result).toEqual({ label: 'feature' });
    const sent = model.requests[0];
    expect(sent?.responseFormat).toEqual({
      type: 'json_schema',
      name: 'classification',
      schema: {
        type: 'object',
        properties: {
          label: {
            type: 'string',
            enum: ['bug', 'feature', 'question'],
            description: 'The chosen label.',
          },
        },
        required: ['label'],
        additionalProperties: false,
      },
    });
    expect(sent?.messages[0]?.content).toBe(
      'Classify the text the user gives into exactly one of these labels.\nLabels:\n- bug\n- feature: a request for something new\n- question',
    );
    expect(sent?.messages[1]).toEqual({ role: 'user', content: 'Please add dark mode' });
  });

  it('sends an answer outside the labels back for correction', async () => {
    const { structured, model } = await setup(['{"label": "praise"}', '{"label": "question"}']);
    const result = await structured.classify('How do I?', labels);
    expect(result.label).toBe('question');
    expect(model.requests[1]?.messages[3]?.content).toContain(
      'label: must be one of ["bug","feature","question"]',
    );
  });

  it('asks for reasoning first when told to, and custom instructions replace the default', async () => {
    const { structured, model } = await setup(
      [MockResponses.toolCall('classification', { reasoning: 'It crashes.', label: 'bug' })],
      { structuredOutput: false },
    );
    const result = await structured.classify('It crashes', ['bug', 'question'], {
      reasoning: true,
      instructions: 'Triage the ticket.',
    });
    expect(result).toEqual({ reasoning: 'It crashes.', label: 'bug' });
    expect(model.requests[0]?.tools?.[0]?.parameters).toEqual(
      classificationSchema(['bug', 'question'], { reasoning: true }),
    );
    expect(Object.keys(model.requests[0]?.tools?.[0]?.parameters['properties'] as object)).toEqual([
      'reasoning',
      'label',
    ]);
    expect(model.requests[0]?.messages[0]?.content).toMatch(/^Triage the ticket\.\nLabels:/);
  });

  it('rejects empty, blank and duplicate labels before any call', async () => {
    const { structured, model } = await setup([]);
    await expect(structured.classify('x', [])).rejects.toThrow(ConduitValidationError);
    await expect(structured.classify('x', ['a', 'a', ' '])).rejects.toThrow(
      /labels\[1\]: duplicate label "a"[\s\S]*labels\[2\]: must be a non-empty string/,
    );
    expect(model.calls).toBe(0);
  });
});

describe('extract', () => {
  it('extracts a DTO from a text with the extraction instruction', async () => {
    const { structured, model } = await setup([JSON.stringify(ADA)]);
    const person = await structured.extract('Ada (36) lives in London.', PersonDto);
    expect(person).toBeInstanceOf(PersonDto);
    expect(person).toEqual(ADA);
    expect(model.requests[0]?.messages).toEqual([
      { role: 'system', content: EXTRACTION_INSTRUCTIONS },
      { role: 'user', content: 'Ada (36) lives in London.' },
    ]);
  });

  it('takes custom instructions and a raw JSON Schema', async () => {
    const { structured, model } = await setup(['{"cities": ["Oslo", "Rome"]}']);
    const schema = {
      type: 'object',
      properties: { cities: { type: 'array', items: { type: 'string' } } },
      required: ['cities'],
    };
    const value = await structured.extract<{ cities: string[] }>('Oslo and Rome', schema, {
      instructions: 'List the cities.',
    });
    expect(value.cities).toEqual(['Oslo', 'Rome']);
    expect(model.requests[0]?.messages[0]).toEqual({ role: 'system', content: 'List the cities.' });
  });
});
