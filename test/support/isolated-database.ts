import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
 * `migratedUpTo` stops before that migration folder (to test the migration on data before it).
 */
export async function createIsolatedDatabase(
  options: { migratedUpTo?: string } = {},
): Promise<IsolatedDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('DATABASE_URL is not set: run under the e2e global setup');
  const name = `smsauth_isolated_${randomBytes(6).toString('hex')}`;
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  url.search = '';
  if (options.migratedUpTo === undefined) {
    await applyMigrations({ databaseUrl: url.toString(), migrationsDir: MIGRATIONS_DIR });
  } else {
    await applyMigrationsBefore(url.toString(), options.migratedUpTo);
  }
  return {
    url: url.toString(),
    drop: () =>
      withClient(serverUrl, (client) =>
        client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
      ).then(() => undefined),
  };
}

/** Applies the migrations whose folders sort before `folder` (a database as it was before it). */
async function applyMigrationsBefore(databaseUrl: string, folder: string): Promise<void> {
  const earlier = mkdtempSync(join(tmpdir(), 'migrations-before-'));
  try {
    for (const name of readdirSync(MIGRATIONS_DIR)) {
      if (name < folder)
        cpSync(join(MIGRATIONS_DIR, name), join(earlier, name), { recursive: true });
    }
    await applyMigrations({ databaseUrl, migrationsDir: earlier });
  } finally {
    rmSync(earlier, { recursive: true, force: true });
  }
}

export async function withClient<T>(url: string, use: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}
