import { toGoogleSchema } from './to-google-schema';

describe('toGoogleSchema', () => {
  it('keeps the OpenAPI subset and drops what Gemini refuses', () => {
    expect(
      toGoogleSchema({
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        type: 'object',
        additionalProperties: false,
        properties: {
          name: { type: 'string', description: 'Full name', minLength: 1 },
          age: { type: ['integer', 'null'], minimum: 0 },
          kind: { const: 'person' },
          tags: { type: 'array', items: { type: 'string', enum: ['a', 'b'] }, maxItems: 3 },
          either: { anyOf: [{ type: 'string' }, { type: 'null' }] },
          mixed: { oneOf: [{ type: 'string' }, { type: 'number' }] },
        },
        required: ['name'],
      }),
    ).toEqual({
      type: 'object',
      properties: {
        name: { type: 'string', description: 'Full name', minLength: 1 },
        age: { type: 'integer', nullable: true, minimum: 0 },
        kind: { enum: ['person'] },
        tags: { type: 'array', items: { type: 'string', enum: ['a', 'b'] }, maxItems: 3 },
        either: { type: 'string', nullable: true },
        mixed: { anyOf: [{ type: 'string' }, { type: 'number' }] },
      },
      required: ['name'],
    });
  });

  it('gives undefined for an object without properties and for a non-object', () => {
    expect(toGoogleSchema({ type: 'object', properties: {} })).toBeUndefined();
    expect(toGoogleSchema({ type: 'object' })).toBeUndefined();
    expect(toGoogleSchema('nope')).toBeUndefined();
  });

  it('stops at a bounded depth on a schema nested without end', () => {
    let schema: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i < 1000; i++) schema = { type: 'array', items: schema };
    const converted = JSON.stringify(toGoogleSchema(schema));
    expect(converted.match(/"items"/g)?.length).toBeLessThanOrEqual(33);
  });
});
