import { open, readFile, rename } from 'node:fs/promises';
import type { Document } from '../document.types';
import type { DistanceMetric } from './vector-store';

/** Contents of a store file. */
export interface VectorFile {
  readonly dimensions: number;
  readonly metric: DistanceMetric;
  readonly documents: readonly Document[];
  readonly vectors: Float32Array;
}

const MAGIC = 'CVS1';

/**
 * Layout: `CVS1`, a uint32 LE header length, a JSON header (dimensions, metric, documents), zero
 * padding to a 4-byte boundary, then the vectors as float32 LE rows: loading is one copy, no parse.
 */
export async function writeVectorFile(path: string, file: VectorFile): Promise<void> {
  const header = Buffer.from(
    JSON.stringify({ dimensions: file.dimensions, metric: file.metric, documents: file.documents }),
    'utf8',
  );
  const padding = (4 - ((8 + header.length) % 4)) % 4;
  const prefix = Buffer.alloc(8);
  prefix.write(MAGIC, 0, 'ascii');
  prefix.writeUInt32LE(header.length + padding, 4);
  const vectors = Buffer.from(
    file.vectors.buffer,
    file.vectors.byteOffset,
    file.vectors.byteLength,
  );
  const temporary = `${path}.${process.pid}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    await handle.writev([prefix, header, Buffer.alloc(padding, 0x20), vectors]);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, path);
}

/** Reads a file written by `writeVectorFile`; throws a clear error for anything else. */
export async function readVectorFile(path: string): Promise<VectorFile> {
  const bytes = await readFile(path);
  if (bytes.length < 8 || bytes.toString('ascii', 0, 4) !== MAGIC) {
    throw new Error(`${path} is not a vector store file (no ${MAGIC} header)`);
  }
  const headerLength = bytes.readUInt32LE(4);
  const header = JSON.parse(bytes.toString('utf8', 8, 8 + headerLength)) as {
    dimensions: number;
    metric: DistanceMetric;
    documents: Document[];
  };
  const start = 8 + headerLength;
  const expected = header.documents.length * header.dimensions * 4;
  if (bytes.length - start !== expected) {
    throw new Error(
      `${path} is truncated: ${bytes.length - start} vector bytes, expected ${expected}`,
    );
  }
  const vectors = new Float32Array(header.documents.length * header.dimensions);
  new Uint8Array(vectors.buffer).set(bytes.subarray(start));
  return {
    dimensions: header.dimensions,
    metric: header.metric,
    documents: header.documents,
    vectors,
  };
}
