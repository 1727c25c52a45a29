import type { Message } from 'nestjs-conduit';

/** How much of a text file the demo model quotes. */
const QUOTE_LENGTH = 200;

/** The file parts of the last user message. */
function lastUserFiles(messages: readonly Message[]) {
  const last = [...messages].reverse().find((message) => message.role === 'user');
  if (last?.role !== 'user' || typeof last.content === 'string') return [];
  return last.content.flatMap((part) => (part.type === 'file' ? [part] : []));
}

/**
 * Pages of a PDF, counted as its `/Type /Page` objects: right for simple files, approximate for
 * files with compressed object streams. Good enough for a demo that says what it received.
 */
function pdfPages(bytes: Buffer): number {
  return bytes.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g)?.length ?? 0;
}

/**
 * What the demo model says about attached files: their name, type, size and (PDF) page count or
 * (text) first lines. It cannot read them the way an LLM does, and says so; `undefined` when the
 * last user message has no file.
 */
export function describeAttachments(messages: readonly Message[]): string | undefined {
  const files = lastUserFiles(messages);
  if (files.length === 0) return undefined;
  return files
    .map((file) => {
      const name = file.filename ?? 'a file';
      if (!('data' in file)) return `${name} (${file.mediaType}, by URL, not fetched)`;
      const bytes = Buffer.from(file.data, 'base64');
      const size = `${(bytes.length / 1024).toFixed(1)} KB`;
      if (file.mediaType === 'application/pdf') {
        return `${name} (PDF, ${size}, ${pdfPages(bytes)} page(s))`;
      }
      if (file.mediaType.startsWith('text/')) {
        const text = bytes.toString('utf8').replace(/\s+/g, ' ').trim();
        return `${name} (text, ${size}), which begins: "${text.slice(0, QUOTE_LENGTH)}"`;
      }
      return `${name} (${file.mediaType}, ${size})`;
    })
    .join('; ');
}
