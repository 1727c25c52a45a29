import {
  ConduitValidationError,
  type CallOutput,
  type ChatModel,
  type ChatResponse,
  type ConduitCallContext,
  type ConduitInterceptor,
} from '../core';
import { MockChatModel, MockResponses } from '../testing';
import { StructuredOutputError } from './structured-output.error';
import { ADA, PersonDto } from '../../test/fixtures/structured/person.dto';
import type { CallHandler } from '../core';
import type { Observable } from 'rxjs';
import { requestAt, useStructuredHarness } from '../../test/support/structured-harness';

const { setup, withModel } = useStructuredHarness();

describe('generateObject: raw JSON Schema and options', () => {
  const schema = {
    type: 'object',
    properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['c', 'f'] } },
    required: ['city'],
    additionalProperties: false,
  };

  it('returns the checked plain object, retrying on schema violations', async () => {
    const { structured, model } = await setup([
      '{"city": "Oslo", "unit": "k"}',
      '{"city": "Oslo", "unit": "c"}',
    ]);
    const value = await structured.generateObject<{ city: string; unit?: string }>('Weather?', {
      schema,
    });
    expect(value).toEqual({ city: 'Oslo', unit: 'c' });
    expect(requestAt(model, 0).responseFormat).toEqual({
      type: 'json_schema',
      name: 'output',
      schema,
    });
    expect(requestAt(model, 1).messages[2]?.content).toContain('unit: must be one of ["c","f"]');
  });

  it('rejects bad options before any model call', async () => {
    const { structured, model } = await setup([]);
    await expect(structured.generate('x', { schema: { type: 'array' } })).rejects.toThrow(
      ConduitValidationError,
    );
    await expect(
      structured.generate('x', { schema: PersonDto, maxRetries: -1, name: 'bad name' }),
    ).rejects.toThrow(/maxRetries: must be an integer >= 0/);
    await expect(structured.generate('x', { schema: PersonDto, name: 'bad name' })).rejects.toThrow(
      /name: must match/,
    );
    await expect(
      structured.generate('x', { schema: 'PersonDto' as unknown as typeof PersonDto }),
    ).rejects.toThrow(/schema: must be a class-validator DTO class or a JSON Schema/);
    await expect(
      structured.generate('x', { schema: PersonDto, mode: 'xml' as 'json' }),
    ).rejects.toThrow(/mode: must be one of/);
    expect(model.calls).toBe(0);
  });

  it('passes chat options through: per-call interceptors see every attempt', async () => {
    const seen: string[] = [];
    const spy: ConduitInterceptor = {
      intercept(context: ConduitCallContext, next: CallHandler): Observable<CallOutput> {
        seen.push(`${context.kind}:${context.alias}`);
        return next.handle();
      },
    };
    const { structured, model } = await setup(['{}', JSON.stringify(ADA)]);
    await structured.generate('Ada?', { schema: PersonDto, interceptors: [spy], temperature: 0 });
    expect(seen).toEqual(['chat:default', 'chat:default']);
    expect(requestAt(model, 0).temperature).toBe(0);
  });
});

describe('ChatService.generateObject', () => {
  it('returns the validated DTO instance through the same loop', async () => {
    const { chat, model } = await setup(['{"name": "Ada"}', JSON.stringify(ADA)]);
    const person = await chat.generateObject([{ role: 'user', content: 'Ada?' }], {
      schema: PersonDto,
    });
    expect(person).toBeInstanceOf(PersonDto);
    expect(person.name).toBe('Ada');
    expect(model.calls).toBe(2);
  });
});

/** A model answering with fixed responses built on top of what MockChatModel produces. */
function patched(base: MockChatModel, patch: (response: ChatResponse) => ChatResponse): ChatModel {
  return {
    specificationVersion: 'v1',
    info: () => base.info(),
    chat: async (request) => patch(await base.chat(request)),
    stream: (request) => base.stream(request),
  };
}

describe('generateObject: answers a model can give', () => {
  it('fails at once on a refusal, without retrying', async () => {
    const base = new MockChatModel({ responses: ['', ''] });
    const structured = await withModel(
      patched(base, (response) => ({ ...response, refusal: 'I will not describe real people.' })),
    );
    const error = (await structured
      .generate('Ada?', { schema: PersonDto, description: 'A famous person' })
      .catch((e: unknown) => e)) as StructuredOutputError;
    expect(error).toBeInstanceOf(StructuredOutputError);
    expect(error.message).toContain(
      'The model refused to answer: I will not describe real people.',
    );
    expect(error.rawText).toBe('I will not describe real people.');
    expect(base.calls).toBe(1);
    expect(base.requests[0]?.responseFormat).toMatchObject({ description: 'A famous person' });
  });

  it('reports tool arguments that are not JSON, or not an object', async () => {
    const base = new MockChatModel({
      responses: [MockResponses.toolCall('PersonDto'), MockResponses.toolCall('PersonDto')],
      capabilities: { structuredOutput: false },
    });
    let call = 0;
    const structured = await withModel(
      patched(base, (response) => {
        call += 1;
        const rawArguments = call === 1 ? '{"name": ' : '[1, 2]';
        const toolCalls = response.toolCalls.map((c) => ({ ...c, arguments: {}, rawArguments }));
        return { ...response, toolCalls, message: { ...response.message, toolCalls } };
      }),
    );
    const error = (await structured
      .generate('Ada?', { schema: PersonDto, maxRetries: 1 })
      .catch((e: unknown) => e)) as StructuredOutputError;
    expect(error.issues).toEqual([
      { path: '(root)', message: 'the arguments must be a JSON object' },
    ]);
    expect(base.requests[1]?.messages[2]?.content).toContain(
      '(root): the arguments are not valid JSON',
    );
  });
});
