/** One fenced code block of a Markdown text. */
export interface CodeBlock {
  /** The info string's first word (` ```ts ` gives `ts`), lower-cased; absent when none was given. */
  readonly language?: string;
  /** The lines between the fences, without the fences themselves. */
  readonly code: string;
  /** False when the text ended before the closing fence (a cut-off answer); `code` runs to the end. */
  readonly closed: boolean;
}

const OPENING = /^ {0,3}(`{3,}|~{3,})[ \t]*([^\s`]*)[^`]*$/;

function isClosing(line: string, fence: string): boolean {
  const match = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
  const marker = match?.[1];
  return marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length;
}

/**
 * The fenced code blocks (```` ``` ```` or `~~~`, three or more) of a Markdown text, in order,
 * optionally only those of one language (compared case-insensitively). A block the text never
 * closes is returned with `closed: false`. Total: any string gives a list, possibly empty.
 *
 * @example
 * extractCodeBlocks('Run:\n```sh\nnpm test\n```'); // [{ language: 'sh', code: 'npm test', closed: true }]
 */
export function extractCodeBlocks(text: string, language?: string): CodeBlock[] {
  const lines = text.split(/\r?\n/);
  const blocks: CodeBlock[] = [];
  let index = 0;
  while (index < lines.length) {
    const open = OPENING.exec(lines[index] ?? '');
    index += 1;
    if (open === null) continue;
    const fence = open[1] ?? '```';
    const info = open[2]?.toLowerCase() ?? '';
    const body: string[] = [];
    let closed = false;
    while (index < lines.length) {
      const line = lines[index] ?? '';
      index += 1;
      if (isClosing(line, fence)) {
        closed = true;
        break;
      }
      body.push(line);
    }
    blocks.push({ ...(info === '' ? {} : { language: info }), code: body.join('\n'), closed });
  }
  if (language === undefined) return blocks;
  const wanted = language.toLowerCase();
  return blocks.filter((block) => block.language === wanted);
}
