import { isTextSearchConfigName, pgTableName, pgTableNameProblem } from './pg-identifier';

describe('pgTableName', () => {
  it('quotes a table or schema.table, keeping case, and names the index base', () => {
    expect(pgTableName('documents')).toEqual({ sql: '"documents"', base: 'documents' });
    expect(pgTableName('Rag.Docs_2')).toEqual({
      sql: '"Rag"."Docs_2"',
      base: 'Docs_2',
      schema: 'Rag',
    });
  });

  it.each([
    'docs; DROP TABLE x',
    'docs"',
    '"docs"',
    'a.b.c',
    '.docs',
    '9docs',
    'docs-2',
    'dócs',
    '',
    'x'.repeat(49),
  ])('refuses %j', (name) => {
    expect(pgTableNameProblem(name)).toEqual(expect.any(String));
    expect(() => pgTableName(name)).toThrow();
  });

  it('refuses what is not a string', () => {
    expect(pgTableNameProblem(42)).toBe('must be a string');
  });
});

describe('isTextSearchConfigName', () => {
  it('takes configuration names and nothing that could leave a quoted literal', () => {
    expect(isTextSearchConfigName('english')).toBe(true);
    expect(isTextSearchConfigName('pg_catalog.simple')).toBe(true);
    expect(isTextSearchConfigName("english') --")).toBe(false);
    expect(isTextSearchConfigName(undefined)).toBe(false);
  });
});
