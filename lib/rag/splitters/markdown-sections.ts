import type { DocumentMetadata } from '../document.types';

/** A part of a markdown text under one heading path. */
export interface MarkdownSection {
  readonly start: number;
  readonly end: number;
  readonly metadata: DocumentMetadata;
}

const HEADING = /^(#{1,6})[ \t]+(.+?)[ \t#]*$/;
const FENCE = /^(```|~~~)/;

/**
 * Cuts markdown at ATX headings of level `maxLevel` or less (outside fenced code), each section
 * starting at its heading line. Its metadata holds the heading path: `h1`, `h2`... and `headings`
 * (`"Guide > Install"`). Sections are contiguous and cover the whole text.
 */
export function markdownSections(text: string, maxLevel: number): MarkdownSection[] {
  const sections: MarkdownSection[] = [];
  const path: string[] = [];
  let sectionStart = 0;
  let metadata: DocumentMetadata = {};
  let inFence = false;
  let lineStart = 0;
  while (lineStart < text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    const line = text.slice(lineStart, lineEnd);
    if (FENCE.test(line.trimStart())) inFence = !inFence;
    const heading = inFence ? null : HEADING.exec(line);
    if (heading !== null && heading[1].length <= maxLevel) {
      if (lineStart > sectionStart)
        sections.push({ start: sectionStart, end: lineStart, metadata });
      const level = heading[1].length;
      path.length = level - 1;
      path[level - 1] = heading[2].trim();
      metadata = headingMetadata(path);
      sectionStart = lineStart;
    }
    lineStart = lineEnd + 1;
  }
  if (text.length > sectionStart)
    sections.push({ start: sectionStart, end: text.length, metadata });
  return sections;
}

function headingMetadata(path: readonly (string | undefined)[]): DocumentMetadata {
  const metadata: Record<string, string> = {};
  const names: string[] = [];
  path.forEach((name, index) => {
    if (name === undefined) return;
    metadata[`h${index + 1}`] = name;
    names.push(name);
  });
  metadata['headings'] = names.join(' > ');
  return metadata;
}
