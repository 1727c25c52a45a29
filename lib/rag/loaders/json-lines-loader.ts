import { readFile } from 'node:fs/promises';
import {
  ConduitValidationError,
  type ValidationIssue,
} from '../../core/errors/conduit-validation.error';
import type { Document, MetadataValue } from '../document.types';
import { DocumentLoader } from './document-loader';
import { isRecord } from '../../core/is-record';

/** Options of `JsonLinesLoader`. */
export interface JsonLinesLoaderOptions {
  /** Field holding the text. Default `content`, then `text`. */
  readonly contentField?: string;
  /** Field holding the id. Default `id`; a missing id becomes `${path}:${line}`. */
  readonly idField?: string;
}

function isMetadataValue(value: unknown): value is MetadataValue {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/**
 * Loads a JSON Lines file, one document a line: the text from `contentField`, metadata from a
 * `metadata` object or else from the other scalar fields. Blank lines are skipped. Every bad line is
 * reported at once in one `ConduitValidationError` (`line 3: ...`).
 */
export class JsonLinesLoader extends DocumentLoader {
  constructor(
    protected readonly path: string,
    protected readonly options: JsonLinesLoaderOptions = {},
  ) {
    super();
  }

  async load(): Promise<Document[]> {
    const lines = (await readFile(this.path, 'utf8')).split(/\r?\n/);
    const documents: Document[] = [];
    const issues: ValidationIssue[] = [];
    lines.forEach((line, index) => {
      if (line.trim() === '') return;
      const at = `line ${index + 1}`;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (error: unknown) {
        issues.push({ path: at, message: `not JSON (${(error as Error).message})` });
        return;
      }
      const document = this.toDocument(value, index + 1);
      if (typeof document === 'string') issues.push({ path: at, message: document });
      else documents.push(document);
    });
    if (issues.length > 0)
      throw new ConduitValidationError(issues, `Invalid JSON Lines file ${this.path}`);
    return documents;
  }

  /** The document of one parsed line, or what is wrong with it. */
  protected toDocument(value: unknown, line: number): Document | string {
    if (!isRecord(value)) return 'not a JSON object';
    const record = value;
    const contentField = this.options.contentField ?? ('content' in record ? 'content' : 'text');
    const content = record[contentField];
    if (typeof content !== 'string') return `"${contentField}" must be a string`;
    const id = record[this.options.idField ?? 'id'];
    const source =
      typeof record['metadata'] === 'object' && record['metadata'] !== null
        ? record['metadata']
        : record;
    const metadata: Record<string, MetadataValue> = { source: this.path, line };
    for (const [key, field] of Object.entries(source)) {
      if (source === record && (key === contentField || key === (this.options.idField ?? 'id')))
        continue;
      if (isMetadataValue(field)) metadata[key] = field;
    }
    return {
      id: typeof id === 'string' || typeof id === 'number' ? String(id) : `${this.path}:${line}`,
      content,
      metadata,
    };
  }
}
