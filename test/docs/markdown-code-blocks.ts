import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/** A ```ts block of a Markdown file and where it sits. */
export interface CodeBlock {
  /** File name it is compiled as: its first-line `// path/name.ts` comment, or `block-NN.ts`. */
  readonly file: string;
  readonly code: string;
  /** 1-based line of the block's first code line in the Markdown file. */
  readonly line: number;
}

/**
 * The ```ts blocks of a Markdown file. A block that starts with a `// src/name.ts` comment is
 * compiled under that name, so blocks of the same page can import each other (as the README's
 * quickstart does); the others get `block-NN.ts`. Names are unique within a page.
 */
export function readTsBlocks(markdownFile: string): CodeBlock[] {
  const text = readFileSync(markdownFile, 'utf8');
  const blocks: CodeBlock[] = [];
  const names = new Set<string>();
  for (const match of text.matchAll(/^```ts\n([\s\S]*?)^```$/gm)) {
    const code = match[1] ?? '';
    const line = text.slice(0, match.index).split('\n').length + 1;
    const named = /^\/\/ ([\w./-]+\.ts)\n/.exec(code);
    const file = named?.[1] ?? `block-${String(blocks.length + 1).padStart(2, '0')}.ts`;
    if (names.has(file)) {
      throw new Error(`${path.basename(markdownFile)}: two blocks are named ${file}`);
    }
    names.add(file);
    blocks.push({ file, code, line });
  }
  return blocks;
}
