import type { Document } from '../document.types';
import { TextFileLoader } from './text-file-loader';

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;
const FIRST_HEADING = /^#[ \t]+(.+?)[ \t#]*$/m;

/**
 * Loads markdown files: a leading YAML front matter block is removed from the content and its
 * simple `key: value` lines become metadata; the title is the front matter's `title`, else the
 * first `# ` heading, else the file name. Feed the result to `MarkdownTextSplitter`.
 */
export class MarkdownFileLoader extends TextFileLoader {
  protected override toDocument(path: string, raw: string): Document {
    const document = super.toDocument(path, raw);
    const frontMatter = FRONT_MATTER.exec(raw);
    const content = frontMatter === null ? raw : raw.slice(frontMatter[0].length);
    const fields: Record<string, string> = {};
    for (const line of frontMatter?.[1]?.split(/\r?\n/) ?? []) {
      const field = /^([A-Za-z_][\w-]*):[ \t]*(.*?)\s*$/.exec(line);
      if (field !== null) fields[field[1]] = field[2].replace(/^(['"])(.*)\1$/, '$2');
    }
    const heading = FIRST_HEADING.exec(content)?.[1];
    const title = fields['title'] ?? heading ?? document.metadata['title'] ?? path;
    return { id: path, content, metadata: { ...fields, ...document.metadata, title } };
  }
}
