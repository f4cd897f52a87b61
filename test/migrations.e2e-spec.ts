import { createHash, randomBytes } from 'node:crypto';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { applyMigrations, MigrationRunStoppedError } from '../libs/prisma/src/migrator';

const REPO_MIGRATIONS_DIR = join(__dirname, '..', 'prisma', 'migrations');

interface MigrationRow {
  migration_name: string;
  checksum: string;
  logs: string | null;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  applied_steps_count: number;
}

const createdDatabases: string[] = [];
const tempDirs: string[] = [];

afterAll(async () => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  await withClient(serverUrl(), async (client) => {
    for (const name of createdDatabases) {
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    }
  });
});

describe('applyMigrations', () => {
  const repoMigrations = listMigrationFolders(REPO_MIGRATIONS_DIR);

  it('applies every migration folder to a fresh database and records its checksum', async () => {
    const databaseUrl = await createFreshDatabase();

    const result = await applyMigrations({ databaseUrl, migrationsDir: REPO_MIGRATIONS_DIR });

    expect(result).toEqual({ applied: repoMigrations, alreadyApplied: [] });
    const rows = await migrationRows(databaseUrl);
    expect(rows.map((row) => row.migration_name)).toEqual(repoMigrations);
    for (const row of rows) {
      expect(row).toMatchObject({
        checksum: fileSha256(join(REPO_MIGRATIONS_DIR, row.migration_name, 'migration.sql')),
        rolled_back_at: null,
        applied_steps_count: 1,
      });
      expect(row.finished_at).toBeInstanceOf(Date);
    }
    expect(await tableExists(databaseUrl, 'sms_messages')).toBe(true);
  });

  it('applies nothing on a second run', async () => {
    const databaseUrl = await createFreshDatabase();
    await applyMigrations({ databaseUrl, migrationsDir: REPO_MIGRATIONS_DIR });

    const second = await applyMigrations({ databaseUrl, migrationsDir: REPO_MIGRATIONS_DIR });

    expect(second).toEqual({ applied: [], alreadyApplied: repoMigrations });
    expect(await migrationRows(databaseUrl)).toHaveLength(repoMigrations.length);
  });

  it('records a failing migration with its logs, rolls its SQL back and throws', async () => {
    const databaseUrl = await createFreshDatabase();
    const migrationsDir = makeMigrationsDir({
      '20260101000000_ok': 'CREATE TABLE "fine" ("id" INTEGER NOT NULL);\n',
      '20260102000000_bad': 'CREATE TABLE "half_done" ("id" INTEGER);\nSELEC 1;\n',
    });

    await expect(applyMigrations({ databaseUrl, migrationsDir })).rejects.toThrow(
      /20260102000000_bad/,
    );

    const [ok, bad] = await migrationRows(databaseUrl);
    expect(ok.migration_name).toBe('20260101000000_ok');
    expect(ok.finished_at).toBeInstanceOf(Date);
    expect(bad).toMatchObject({
      migration_name: '20260102000000_bad',
      finished_at: null,
      rolled_back_at: null,
      applied_steps_count: 0,
    });
    expect(bad.logs).toContain('Migration name: 20260102000000_bad');
    expect(bad.logs).toContain('syntax error at or near "SELEC"');
    expect(await tableExists(databaseUrl, 'fine')).toBe(true);
    expect(await tableExists(databaseUrl, 'half_done')).toBe(false);
  });

  it('refuses to run after a failed migration until it is resolved', async () => {
    const databaseUrl = await createFreshDatabase();
    const migrationsDir = makeMigrationsDir({ '20260102000000_bad': 'SELEC 1;\n' });
    await expect(applyMigrations({ databaseUrl, migrationsDir })).rejects.toThrow();
    writeMigration(migrationsDir, '20260102000000_bad', 'SELECT 1;\n');

    const blocked = applyMigrations({ databaseUrl, migrationsDir });

    await expect(blocked).rejects.toThrow(/failed migrations.*P3009/);
    await expect(blocked).rejects.toThrow(/`20260102000000_bad` migration started at .* failed/);

    // What `prisma migrate resolve --rolled-back` does; afterwards the fixed file applies.
    await withClient(databaseUrl, (client) =>
      client.query('UPDATE _prisma_migrations SET rolled_back_at = now()'),
    );
    const retried = await applyMigrations({ databaseUrl, migrationsDir });
    expect(retried.applied).toEqual(['20260102000000_bad']);
    const rows = await migrationRows(databaseUrl);
    expect(rows.map((row) => row.finished_at === null)).toEqual([true, false]);
  });

  it('lets two concurrent runs succeed while applying each migration once', async () => {
    const databaseUrl = await createFreshDatabase();

    const runs = await Promise.all([
      applyMigrations({ databaseUrl, migrationsDir: REPO_MIGRATIONS_DIR }),
      applyMigrations({ databaseUrl, migrationsDir: REPO_MIGRATIONS_DIR }),
    ]);

    expect(runs.flatMap((run) => run.applied).sort()).toEqual(repoMigrations);
    const rows = await migrationRows(databaseUrl);
    expect(rows.map((row) => row.migration_name)).toEqual(repoMigrations);
    expect(rows.every((row) => row.finished_at !== null)).toBe(true);
  });

  it('warns about an applied migration edited afterwards, ignoring line endings', async () => {
    const databaseUrl = await createFreshDatabase();
    const migrationsDir = makeMigrationsDir({
      '20260101000000_a': 'CREATE TABLE "a" ("id" INTEGER);\n',
      '20260102000000_b': 'CREATE TABLE "b" ("id" INTEGER);\n',
    });
    await applyMigrations({ databaseUrl, migrationsDir });
    writeMigration(migrationsDir, '20260101000000_a', 'CREATE TABLE "a" ("id" INTEGER);\r\n');
    writeMigration(migrationsDir, '20260102000000_b', 'CREATE TABLE "b" ("id" BIGINT);\n');
    const messages: string[] = [];

    const result = await applyMigrations({
      databaseUrl,
      migrationsDir,
      log: (msg) => messages.push(msg),
    });

    expect(result.applied).toEqual([]);
    const warnings = messages.filter((msg) => msg.startsWith('Warning'));
    expect(warnings).toEqual([expect.stringContaining('`20260102000000_b` was modified')]);
  });

  it('refuses a non-empty database that has no migration history (P3005)', async () => {
    const databaseUrl = await createFreshDatabase();
    await withClient(databaseUrl, (client) => client.query('CREATE TABLE "legacy" ("id" INT)'));

    await expect(
      applyMigrations({ databaseUrl, migrationsDir: REPO_MIGRATIONS_DIR }),
    ).rejects.toThrow(/not empty \(P3005\).*legacy/);
  });

  it("honours Prisma's ?schema= parameter", async () => {
    const databaseUrl = await createFreshDatabase();

    await applyMigrations({
      databaseUrl: `${databaseUrl}?schema=tenant_a`,
      migrationsDir: REPO_MIGRATIONS_DIR,
    });

    expect(await tableExists(databaseUrl, 'tenant_a.sms_messages')).toBe(true);
    expect(await tableExists(databaseUrl, 'tenant_a._prisma_migrations')).toBe(true);
    expect(await tableExists(databaseUrl, 'public._prisma_migrations')).toBe(false);
  });
});

describe('applyMigrations, stopped or unable to connect', () => {
  it('gives up connecting after connectTimeoutMs to a server that never answers', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    const startedAt = Date.now();
    try {
      const run = applyMigrations({
        databaseUrl: `postgresql://smsauth:s3cret-password@127.0.0.1:${port}/smsauth`,
        migrationsDir: REPO_MIGRATIONS_DIR,
        connectTimeoutMs: 300,
      });

      const error = await run.then(
        () => undefined,
        (reason: unknown) => reason as Error,
      );
      expect(error?.message).toMatch(
        new RegExp(`^Could not connect to PostgreSQL at 127\\.0\\.0\\.1:${port}: .*timeout`),
      );
      expect(error?.message).not.toContain('s3cret-password');
      expect(Date.now() - startedAt).toBeLessThan(2000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('stops at once while connecting to a server that never answers', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    const stop = new AbortController();
    try {
      const run = applyMigrations({
        databaseUrl: `postgresql://smsauth@127.0.0.1:${port}/smsauth`,
        migrationsDir: REPO_MIGRATIONS_DIR,
        connectTimeoutMs: 10_000,
        signal: stop.signal,
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      const stoppedAt = Date.now();
      stop.abort();

      await expect(run).rejects.toMatchObject({ name: 'MigrationRunStoppedError', applied: [] });
      expect(Date.now() - stoppedAt).toBeLessThan(1000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('on its signal finishes the migration in progress, starts no other, leaves nothing failed', async () => {
    const databaseUrl = await createFreshDatabase();
    const migrationsDir = makeMigrationsDir({
      '20260101000000_slow': 'SELECT pg_sleep(0.5);\nCREATE TABLE "slow" ("id" INTEGER);\n',
      '20260102000000_next': 'CREATE TABLE "next" ("id" INTEGER);\n',
    });
    const stop = new AbortController();

    const run = applyMigrations({
      databaseUrl,
      migrationsDir,
      signal: stop.signal,
      // SIGTERM arriving while the first migration runs.
      log: (msg) => msg.includes('`20260101000000_slow`') && stop.abort(),
    });

    await expect(run).rejects.toThrow(MigrationRunStoppedError);
    await expect(run).rejects.toMatchObject({ applied: ['20260101000000_slow'] });
    const rows = await migrationRows(databaseUrl);
    expect(rows.map((row) => [row.migration_name, row.finished_at !== null])).toEqual([
      ['20260101000000_slow', true],
    ]);
    expect(await tableExists(databaseUrl, 'slow')).toBe(true);
    // The next start applies the rest.
    const next = await applyMigrations({ databaseUrl, migrationsDir });
    expect(next).toEqual({
      applied: ['20260102000000_next'],
      alreadyApplied: ['20260101000000_slow'],
    });
  });

  it("stops at once while waiting for another run's lock, having written nothing", async () => {
    const databaseUrl = await createFreshDatabase();
    const stop = new AbortController();
    await withClient(databaseUrl, async (holder) => {
      await holder.query('SELECT pg_advisory_lock(72707369)');
      const run = applyMigrations({
        databaseUrl,
        migrationsDir: REPO_MIGRATIONS_DIR,
        signal: stop.signal,
        log: (msg) => msg.startsWith('Another migration run holds') && stop.abort(),
      });
      const startedAt = Date.now();

      await expect(run).rejects.toMatchObject({ name: 'MigrationRunStoppedError', applied: [] });
      expect(Date.now() - startedAt).toBeLessThan(1000);
    });
    expect(await tableExists(databaseUrl, '_prisma_migrations')).toBe(false);
  });
});

function serverUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set; run under the e2e globalSetup');
  return url;
}

async function createFreshDatabase(): Promise<string> {
  const name = `migrations_test_${randomBytes(6).toString('hex')}`;
  await withClient(serverUrl(), (client) => client.query(`CREATE DATABASE "${name}"`));
  createdDatabases.push(name);
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  url.search = '';
  return url.toString();
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

function migrationRows(databaseUrl: string): Promise<MigrationRow[]> {
  return withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<MigrationRow>(
      `SELECT migration_name, checksum, logs, finished_at, rolled_back_at, applied_steps_count
         FROM _prisma_migrations ORDER BY started_at, migration_name`,
    );
    return rows;
  });
}

function tableExists(databaseUrl: string, qualifiedName: string): Promise<boolean> {
  return withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ exists: boolean }>(
      'SELECT to_regclass($1) IS NOT NULL AS exists',
      [qualifiedName],
    );
    return rows[0].exists;
  });
}

function listMigrationFolders(migrationsDir: string): string[] {
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

function fileSha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function makeMigrationsDir(scripts: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'smsauth-migrations-'));
  tempDirs.push(dir);
  cpSync(join(REPO_MIGRATIONS_DIR, 'migration_lock.toml'), join(dir, 'migration_lock.toml'));
  for (const [name, sql] of Object.entries(scripts)) writeMigration(dir, name, sql);
  return dir;
}

function writeMigration(migrationsDir: string, name: string, sql: string): void {
  mkdirSync(join(migrationsDir, name), { recursive: true });
  writeFileSync(join(migrationsDir, name, 'migration.sql'), sql);
}
