import type { PgConnection, PgQuery } from './pg-connection';
import { preparePgTable } from './pg-prepare-table';
import { PgVectorExtensionError } from './pg-vector-extension.error';

/** A connection on which CREATE EXTENSION fails with `code` and pgvector is not created yet. */
function connectionFailingCreateExtension(code: string): PgConnection {
  const query: PgQuery = <R>(text: string): Promise<R[]> => {
    if (text.startsWith('CREATE EXTENSION')) {
      return Promise.reject(Object.assign(new Error('extension failure'), { code }));
    }
    return Promise.resolve([]);
  };
  return { query, transaction: (work) => work(query) };
}

describe('preparePgTable', () => {
  it('says pgvector is not installed on the server when CREATE EXTENSION finds no control file', async () => {
    const error = await preparePgTable(connectionFailingCreateExtension('58P01'), {
      pool: { query: jest.fn(), connect: jest.fn() },
      table: 'docs',
      dimensions: 3,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PgVectorExtensionError);
    expect((error as Error).message).toContain('has no pgvector extension installed');
    expect((error as Error).cause).toBeInstanceOf(Error);
  });

  it('rethrows any other failure as it is', async () => {
    await expect(
      preparePgTable(connectionFailingCreateExtension('XX000'), {
        pool: { query: jest.fn(), connect: jest.fn() },
        table: 'docs',
        dimensions: 3,
      }),
    ).rejects.toThrow('extension failure');
  });
});
