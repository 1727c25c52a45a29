import { checkJsonSchema } from './json-schema-check';

const schema = {
  type: 'object',
  properties: {
    q: { type: 'string' },
    limit: { type: 'integer' },
    mode: { enum: ['fast', 'exact'] },
    tags: { type: 'array', items: { type: 'string' } },
    kind: { const: 'search' },
    maybe: { type: ['string', 'null'] },
  },
  required: ['q'],
  additionalProperties: false,
};

describe('checkJsonSchema', () => {
  it('accepts a value that matches', () => {
    expect(
      checkJsonSchema(schema, {
        q: 'x',
        limit: 3,
        mode: 'fast',
        tags: ['a'],
        kind: 'search',
        maybe: null,
      }),
    ).toEqual([]);
  });

  it('lists every problem with its path', () => {
    expect(
      checkJsonSchema(schema, {
        limit: 2.5,
        mode: 'slow',
        tags: ['a', 3],
        kind: 'other',
        extra: 1,
      }),
    ).toEqual([
      { path: 'q', message: 'is required' },
      { path: 'limit', message: 'must be of type integer' },
      { path: 'mode', message: 'must be one of ["fast","exact"]' },
      { path: 'tags[1]', message: 'must be of type string' },
      { path: 'kind', message: 'must be "search"' },
      { path: 'extra', message: 'is not an allowed property' },
    ]);
  });

  it('checks the root type', () => {
    expect(checkJsonSchema({ type: 'object' }, 'text')).toEqual([
      { path: '(root)', message: 'must be of type object' },
    ]);
  });
});
