import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { compileBlocks } from './compile-code-blocks';
import { readTsBlocks } from './markdown-code-blocks';

const REPO = path.resolve(__dirname, '../..');
const PAGES = [
  'README.md',
  ...readdirSync(path.join(REPO, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`),
];

// Compiling a page loads the TypeScript program of lib/ and Nest: seconds, not milliseconds.
jest.setTimeout(120_000);

describe('the TypeScript blocks of the README and docs/ compile against the library', () => {
  it('finds the pages and their blocks', () => {
    expect(PAGES.length).toBeGreaterThan(10);
    expect(readTsBlocks(path.join(REPO, 'README.md')).length).toBeGreaterThan(5);
  });

  it.each(PAGES)('%s', (page) => {
    const blocks = readTsBlocks(path.join(REPO, page));
    expect(compileBlocks(page, blocks)).toEqual([]);
  });
});
