import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { applyMigrations } from '../../libs/prisma/src/migrator';

const MIGRATIONS_DIR = join(__dirname, '..', '..', 'prisma', 'migrations');

export interface IsolatedDatabase {
  /** DATABASE_URL of the new database, fully migrated. */
  url: string;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database of its own on the run's PostgreSQL, for suites whose data is
 * global to the service (the default signature, the approved template of a purpose, totals
 * in statistics), so they cannot disturb, or be disturbed by, suites running alongside.
 */
export async function createIsolatedDatabase(): Promise<IsolatedDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('DATABASE_URL is not set: run under the e2e global setup');
  const name = `smsauth_isolated_${randomBytes(6).toString('hex')}`;
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  url.search = '';
  await applyMigrations({ databaseUrl: url.toString(), migrationsDir: MIGRATIONS_DIR });
  return {
    url: url.toString(),
    drop: () =>
      withClient(serverUrl, (client) =>
        client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
      ).then(() => undefined),
  };
}

async function withClient<T>(url: string, use: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}
