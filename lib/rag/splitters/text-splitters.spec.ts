import fc from 'fast-check';
import { ConduitValidationError } from '../../core/errors/conduit-validation.error';
import { countTextTokens } from '../../tokens/count-tokens';
import { joinChunks } from './join-chunks';
import { MarkdownTextSplitter } from './markdown-text-splitter';
import { RecursiveCharacterTextSplitter } from './recursive-character-text-splitter';
import { SENTENCE_END, SentenceTextSplitter } from './sentence-text-splitter';
import type { TextChunk } from './text-chunk.types';
import type { TextSplitter } from './text-splitter';
import { TokenTextSplitter } from './token-text-splitter';

/** Text made of the pieces splitters care about: words, separators, markdown, astral characters. */
const textArbitrary = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        'word',
        'longerword',
        'a',
        '\n\n',
        '\n',
        '. ',
        ' ',
        '! ',
        '# Title\n',
        '## Sub\n',
      ),
      fc.constantFrom('```\ncode\n```\n', 'é', '😀', 'Sentence one. ', '?\u201d '),
      fc.string({ maxLength: 30 }),
    ),
    { maxLength: 80 },
  )
  .map((parts) => parts.join(''));

const sizesArbitrary = fc
  .integer({ min: 1, max: 60 })
  .chain((size) => fc.tuple(fc.constant(size), fc.integer({ min: 0, max: size - 1 })));

type Make = (chunkSize: number, chunkOverlap: number) => TextSplitter;

const characterSplitters: [string, Make][] = [
  [
    'recursive',
    (chunkSize, chunkOverlap) => new RecursiveCharacterTextSplitter({ chunkSize, chunkOverlap }),
  ],
  ['sentence', (chunkSize, chunkOverlap) => new SentenceTextSplitter({ chunkSize, chunkOverlap })],
  ['markdown', (chunkSize, chunkOverlap) => new MarkdownTextSplitter({ chunkSize, chunkOverlap })],
];

function expectExactSlices(text: string, chunks: readonly TextChunk[]): void {
  for (const chunk of chunks) expect(chunk.content).toBe(text.slice(chunk.start, chunk.end));
}

describe.each(characterSplitters)('%s splitter (property tests, seeded)', (_name, make) => {
  it('never returns a chunk longer than chunkSize, overlap included', () => {
    fc.assert(
      fc.property(textArbitrary, sizesArbitrary, (text, [size, overlap]) => {
        // A chunk may be shorter than the size only to keep a surrogate pair whole, never longer.
        const tooLong = make(size, overlap)
          .splitText(text)
          .filter((chunk) => chunk.content.length > Math.max(size, 2));
        expect(tooLong).toEqual([]);
      }),
      { seed: 20261125, numRuns: 300 },
    );
  });

  it('loses no text: chunks are exact slices and joining them gives the input back', () => {
    fc.assert(
      fc.property(textArbitrary, sizesArbitrary, (text, [size, overlap]) => {
        const chunks = make(size, overlap).splitText(text);
        expectExactSlices(text, chunks);
        expect(joinChunks(chunks)).toBe(text);
        expect(chunks.every((chunk) => chunk.end > chunk.start)).toBe(true);
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it('gives no chunk for an empty text', () => {
    expect(make(10, 2).splitText('')).toEqual([]);
  });
});

describe('RecursiveCharacterTextSplitter', () => {
  it('does not duplicate or garble chunks (the Conduit defect) with overlap 0', () => {
    const text = 'First paragraph.\n\nSecond paragraph.\nThird line.';
    const chunks = new RecursiveCharacterTextSplitter({ chunkSize: 20, chunkOverlap: 0 }).splitText(
      text,
    );
    expect(chunks.map((chunk) => chunk.content)).toEqual([
      'First paragraph.\n\n',
      'Second paragraph.\n',
      'Third line.',
    ]);
  });

  it('repeats whole pieces of the previous chunk as overlap', () => {
    const chunks = new RecursiveCharacterTextSplitter({ chunkSize: 12, chunkOverlap: 6 }).splitText(
      'one two three four five',
    );
    expect(chunks.map((chunk) => chunk.content)).toEqual([
      'one two ',
      'two three ',
      'three four ',
      'four five',
    ]);
  });

  it('rejects an overlap not smaller than the size with a readable error', () => {
    expect(() => new RecursiveCharacterTextSplitter({ chunkSize: 10, chunkOverlap: 10 })).toThrow(
      ConduitValidationError,
    );
    expect(() => new RecursiveCharacterTextSplitter({ chunkSize: 0, chunkOverlap: -1 })).toThrow(
      /chunkSize: must be a positive integer[\s\S]*chunkOverlap: must be a non-negative integer/,
    );
  });

  it('keeps source metadata and offsets on chunk documents', () => {
    const splitter = new RecursiveCharacterTextSplitter({ chunkSize: 10, chunkOverlap: 0 });
    const documents = splitter.splitDocuments([
      { id: 'doc', content: 'alpha beta gamma', metadata: { source: 'a.txt', lang: 'en' } },
    ]);
    expect(documents).toEqual([
      {
        id: 'doc#0',
        content: 'alpha ',
        metadata: { source: 'a.txt', lang: 'en', parentId: 'doc', chunkIndex: 0, start: 0, end: 6 },
      },
      {
        id: 'doc#1',
        content: 'beta gamma',
        metadata: {
          source: 'a.txt',
          lang: 'en',
          parentId: 'doc',
          chunkIndex: 1,
          start: 6,
          end: 16,
        },
      },
    ]);
  });
});

describe('SentenceTextSplitter', () => {
  it('packs whole sentences and keeps their punctuation untouched', () => {
    const text = 'Is it? Yes! It is. "Quoted." Done';
    const chunks = new SentenceTextSplitter({ chunkSize: 20, chunkOverlap: 0 }).splitText(text);
    expect(chunks.map((chunk) => chunk.content)).toEqual(['Is it? Yes! It is. ', '"Quoted." Done']);
  });
});

describe('MarkdownTextSplitter', () => {
  const markdown = [
    '# Guide',
    'Intro text.',
    '## Install',
    'Run npm i.',
    '```sh',
    '# not a heading',
    '```',
    '## Use',
    'Call it.',
  ].join('\n');

  it('never lets a chunk span two sections and labels each with its heading path', () => {
    const chunks = new MarkdownTextSplitter({ chunkSize: 200, chunkOverlap: 0 }).splitText(
      markdown,
    );
    expect(chunks.map((chunk) => [chunk.content, chunk.metadata])).toEqual([
      ['# Guide\nIntro text.\n', { h1: 'Guide', headings: 'Guide' }],
      [
        '## Install\nRun npm i.\n```sh\n# not a heading\n```\n',
        { h1: 'Guide', h2: 'Install', headings: 'Guide > Install' },
      ],
      ['## Use\nCall it.', { h1: 'Guide', h2: 'Use', headings: 'Guide > Use' }],
    ]);
  });

  it('cuts a long section before a code fence rather than inside its marker', () => {
    const chunks = new MarkdownTextSplitter({ chunkSize: 30, chunkOverlap: 0 }).splitText(markdown);
    expect(chunks.some((chunk) => chunk.content.startsWith('```sh'))).toBe(true);
    expect(joinChunks(chunks)).toBe(markdown);
  });
});

describe('TokenTextSplitter', () => {
  it('never exceeds chunkSize tokens of the model tokenizer, and loses no text', () => {
    const splitter = new TokenTextSplitter({ chunkSize: 16, chunkOverlap: 4, model: 'gpt-4o' });
    fc.assert(
      fc.property(textArbitrary, (text) => {
        const chunks = splitter.splitText(text);
        expectExactSlices(text, chunks);
        expect(joinChunks(chunks)).toBe(text);
        const counts = chunks.map((chunk) => countTextTokens(chunk.content, { model: 'gpt-4o' }));
        expect(counts.filter((count) => count > 16)).toEqual([]);
      }),
      { seed: 42, numRuns: 100 },
    );
  });

  it('cuts a long text into chunks near the size', () => {
    const text = 'The quick brown fox jumps over the lazy dog. '.repeat(40);
    const chunks = new TokenTextSplitter({
      chunkSize: 50,
      chunkOverlap: 10,
      model: 'gpt-4o',
    }).splitText(text);
    expect(chunks.length).toBeGreaterThan(8);
    const sizes = chunks
      .slice(0, -1)
      .map((chunk) => countTextTokens(chunk.content, { model: 'gpt-4o' }));
    expect(Math.min(...sizes)).toBeGreaterThan(30);
  });
});

describe('SENTENCE_END', () => {
  it('is not global, so repeated test() calls by users share no lastIndex', () => {
    expect(SENTENCE_END.global).toBe(false);
    expect(SENTENCE_END.test('One. Two')).toBe(true);
    expect(SENTENCE_END.test('One. Two')).toBe(true);
    expect(SENTENCE_END.lastIndex).toBe(0);
  });

  it('still splits every sentence of a text, not only the first', () => {
    const splitter = new SentenceTextSplitter({ chunkSize: 12, chunkOverlap: 0 });
    expect(
      splitter.splitText('One fish. Two fish. Red fish.').map((c) => c.content.trim()),
    ).toEqual(['One fish.', 'Two fish.', 'Red fish.']);
  });
});
