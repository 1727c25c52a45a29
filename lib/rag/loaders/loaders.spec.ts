import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConduitValidationError } from '../../core/errors/conduit-validation.error';
import { JsonLinesLoader } from './json-lines-loader';
import { MarkdownFileLoader } from './markdown-file-loader';
import { TextFileLoader } from './text-file-loader';

let directory: string;
beforeAll(() => (directory = mkdtempSync(join(tmpdir(), 'conduit-loaders-'))));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('TextFileLoader', () => {
  it('loads each file as one document with its path as id and source', async () => {
    const path = join(directory, 'notes.txt');
    writeFileSync(path, 'plain text\nsecond line');
    expect(await new TextFileLoader([path], { lang: 'en' }).load()).toEqual([
      {
        id: path,
        content: 'plain text\nsecond line',
        metadata: { lang: 'en', source: path, title: 'notes.txt' },
      },
    ]);
  });
});

describe('MarkdownFileLoader', () => {
  it('moves front matter into metadata and takes the title from it', async () => {
    const path = join(directory, 'guide.md');
    writeFileSync(path, '---\ntitle: "The Guide"\nversion: 2\n---\n# Heading\nBody');
    const [document] = await new MarkdownFileLoader([path]).load();
    expect(document).toEqual({
      id: path,
      content: '# Heading\nBody',
      metadata: { title: 'The Guide', version: '2', source: path },
    });
  });

  it('falls back to the first heading for the title', async () => {
    const path = join(directory, 'plain.md');
    writeFileSync(path, 'intro\n# Real Title #\ntext');
    const [document] = await new MarkdownFileLoader([path]).load();
    expect(document.metadata['title']).toBe('Real Title');
  });
});

describe('JsonLinesLoader', () => {
  it('reads content, id and scalar fields as metadata, skipping blank lines', async () => {
    const path = join(directory, 'docs.jsonl');
    writeFileSync(
      path,
      '{"id":"a","content":"first","year":2020,"tags":["x"]}\n\n{"text":"second","metadata":{"lang":"fr","nested":{"no":1}}}\n',
    );
    expect(await new JsonLinesLoader(path).load()).toEqual([
      { id: 'a', content: 'first', metadata: { source: path, line: 1, year: 2020 } },
      { id: `${path}:3`, content: 'second', metadata: { source: path, line: 3, lang: 'fr' } },
    ]);
  });

  it('reports every bad line at once with its number', async () => {
    const path = join(directory, 'bad.jsonl');
    writeFileSync(path, '{"content":"ok"}\nnot json\n[1]\n{"content":5}\n');
    const error = await new JsonLinesLoader(path).load().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConduitValidationError);
    expect((error as ConduitValidationError).issues.map((issue) => issue.path)).toEqual([
      'line 2',
      'line 3',
      'line 4',
    ]);
    expect((error as ConduitValidationError).issues[2].message).toBe('"content" must be a string');
  });

  it('uses the configured content and id fields', async () => {
    const path = join(directory, 'custom.jsonl');
    writeFileSync(path, '{"key":7,"body":"hello","lang":"en"}\n');
    expect(
      await new JsonLinesLoader(path, { contentField: 'body', idField: 'key' }).load(),
    ).toEqual([{ id: '7', content: 'hello', metadata: { source: path, line: 1, lang: 'en' } }]);
  });
});
