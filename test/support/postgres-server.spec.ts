import { Client } from 'pg';
import { startPostgresServer } from './postgres-server';

describe('startPostgresServer', () => {
  it('fails loudly with the install commands when PostgreSQL is missing (never skips)', async () => {
    const saved = process.env['PG_URL'];
    delete process.env['PG_URL'];
    try {
      await expect(
        startPostgresServer({ binDirectory: '/nonexistent/postgresql/bin' }),
      ).rejects.toThrow('make -C "$t/pgvector-0.8.6" OPTFLAGS=""');
    } finally {
      if (saved !== undefined) process.env['PG_URL'] = saved;
    }
  });

  it('starts a server with the vector extension, and stops it', async () => {
    const server = await startPostgresServer();
    const client = new Client({ connectionString: server.url });
    await client.connect();
    const { rows } = await client.query<{ distance: number }>(
      "SELECT '[1,0]'::vector <=> '[0,1]'::vector AS distance",
    );
    await client.end();
    expect(rows[0].distance).toBeCloseTo(1, 6);
    await server.stop();
    if (process.env['PG_URL'] !== undefined) return;
    // Stopped means no connection is accepted any more, not only that stop() resolved.
    const after = new Client({ connectionString: server.url });
    await expect(after.connect()).rejects.toThrow(/ECONNREFUSED/);
  }, 60_000);
});
