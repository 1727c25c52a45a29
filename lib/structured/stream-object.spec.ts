import { lastValueFrom, toArray } from 'rxjs';
import { AbortedError } from '../core';
import { MockResponses, type MockResponse } from '../testing';
import type { ObjectStreamEvent } from './stream-object';
import { StructuredOutputError } from './structured-output.error';
import { ADA, PersonDto } from '../../test/fixtures/structured/person.dto';
import { useStructuredHarness } from '../../test/support/structured-harness';

const { setup } = useStructuredHarness();

const chunks = [
  'Here:\n```json\n{"name":"A',
  'da","age":3',
  '6,"addr',
  'ess":{"city":"Lon',
  'don"}}\n```',
];

describe('streamObject', () => {
  it('emits a partial object each time the JSON grows, then the validated object', async () => {
    const { structured } = await setup([{ text: chunks.join(''), chunks }]);
    const events = await lastValueFrom(
      structured.streamObject('Ada?', { schema: PersonDto }).pipe(toArray()),
    );
    expect(events.slice(0, -1)).toEqual([
      { type: 'partial', attempt: 1, partial: { name: 'A' } },
      { type: 'partial', attempt: 1, partial: { name: 'Ada', age: 3 } },
      { type: 'partial', attempt: 1, partial: { name: 'Ada', age: 36 } },
      { type: 'partial', attempt: 1, partial: { name: 'Ada', age: 36, address: { city: 'Lon' } } },
      { type: 'partial', attempt: 1, partial: ADA },
    ]);
    const last = events[events.length - 1] as Extract<
      ObjectStreamEvent<PersonDto>,
      { type: 'object' }
    >;
    expect(last.type).toBe('object');
    expect(last.object).toBeInstanceOf(PersonDto);
    expect(last.object).toEqual(ADA);
    expect(last.attempts).toBe(1);
  });

  it('streams the forced tool call arguments in tool mode', async () => {
    const { structured, model } = await setup([MockResponses.toolCall('PersonDto', ADA)], {
      structuredOutput: false,
    });
    const events = await lastValueFrom(
      structured.streamObject('Ada?', { schema: PersonDto }).pipe(toArray()),
    );
    expect(events.map((e) => e.type)).toEqual(['partial', 'object']);
    expect(events[0]).toEqual({ type: 'partial', attempt: 1, partial: ADA });
    expect(model.requests[0]?.toolChoice).toEqual({ type: 'tool', name: 'PersonDto' });
  });

  it('announces a retry, then streams the corrected answer', async () => {
    const { structured, model } = await setup(['{"name":"Ada"}', JSON.stringify(ADA)]);
    const events = await lastValueFrom(
      structured.streamObject('Ada?', { schema: PersonDto }).pipe(toArray()),
    );
    const types = events.map((e) => (e.type === 'partial' ? `partial#${e.attempt}` : e.type));
    expect(types).toEqual(['partial#1', 'retry', 'partial#2', 'object']);
    const retry = events[1] as Extract<ObjectStreamEvent<PersonDto>, { type: 'retry' }>;
    expect(retry.attempt).toBe(2);
    expect(retry.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['age', 'address']));
    expect(model.calls).toBe(2);
  });

  it('fails with StructuredOutputError when no attempt is valid', async () => {
    const { structured } = await setup(['{"name": 1}']);
    await expect(
      lastValueFrom(structured.streamObject('Ada?', { schema: PersonDto, maxRetries: 0 })),
    ).rejects.toBeInstanceOf(StructuredOutputError);
  });

  it('aborts the model call when unsubscribed', async () => {
    const slow: MockResponse = { text: chunks.join(''), chunks, delayMs: 5 };
    const { structured, model } = await setup([slow]);
    await new Promise<void>((resolve) => {
      const subscription = structured
        .streamObject('Ada?', { schema: PersonDto })
        .subscribe((event) => {
          if (event.type === 'partial') {
            subscription.unsubscribe();
            resolve();
          }
        });
    });
    expect(model.cancelledCalls).toBe(1);
  });

  it('fails with the abort error when the caller signal fires', async () => {
    const controller = new AbortController();
    const slow: MockResponse = { text: chunks.join(''), chunks, delayMs: 5 };
    const { structured, model } = await setup([slow]);
    const done = lastValueFrom(
      structured
        .streamObject('Ada?', { schema: PersonDto, signal: controller.signal })
        .pipe(toArray()),
    ).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 0));
    controller.abort();
    const error = await done;
    expect(error).toBeInstanceOf(AbortedError);
    expect(model.cancelledCalls).toBe(1);
  });
});

describe('extractStream', () => {
  it('streams the extraction of a text', async () => {
    const { structured, model } = await setup([{ text: chunks.join(''), chunks }]);
    const events = await lastValueFrom(
      structured.extractStream('Ada, 36, lives in London.', PersonDto).pipe(toArray()),
    );
    expect(events[events.length - 1]).toMatchObject({ type: 'object', object: ADA });
    expect(model.requests[0]?.messages[1]).toEqual({
      role: 'user',
      content: 'Ada, 36, lives in London.',
    });
  });
});
