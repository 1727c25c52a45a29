import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Document, DocumentMetadata } from '../document.types';
import { DocumentLoader } from './document-loader';

/**
 * Loads plain text files, one document each: id and `source` are the path as given, `title` is the
 * file name. Extra metadata is added to every document.
 */
export class TextFileLoader extends DocumentLoader {
  constructor(
    protected readonly paths: readonly string[],
    protected readonly metadata: DocumentMetadata = {},
  ) {
    super();
  }

  async load(): Promise<Document[]> {
    return Promise.all(
      this.paths.map(async (path) => this.toDocument(path, await readFile(path, 'utf8'))),
    );
  }

  /** Builds the document of one file; subclasses add format-specific metadata. */
  protected toDocument(path: string, content: string): Document {
    return {
      id: path,
      content,
      metadata: { ...this.metadata, source: path, title: basename(path) },
    };
  }
}
