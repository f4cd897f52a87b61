import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { Socket } from 'node:net';
import { join } from 'node:path';
import { Client, DatabaseError } from 'pg';

/**
 * An offline stand-in for `prisma migrate deploy`: applies `<migrationsDir>/<name>/migration.sql`
 * folders in name order and keeps `_prisma_migrations` as Prisma Migrate does, so `prisma migrate
 * status/deploy` agree with it wherever the schema engine is available.
 */

export interface ApplyMigrationsOptions {
  databaseUrl: string;
  migrationsDir: string;
  log?: (msg: string) => void;
  /** Connecting (TCP and PostgreSQL's start-up) gives up after this many milliseconds. */
  connectTimeoutMs?: number;
  /**
   * Asks the run to stop (SIGTERM): no further migration starts, the one running finishes, so
   * it never stays recorded as started but not finished (which blocks every later run, P3009).
   * Waiting for the connection or for another run's lock ends at once.
   */
  signal?: AbortSignal;
}

/** The run stopped on its signal before every migration was applied; `applied` ones were. */
export class MigrationRunStoppedError extends Error {
  constructor(readonly applied: string[]) {
    super(
      `Stopped on request after applying ${applied.length} migration(s); ` +
        'the next run applies the rest.',
    );
    this.name = 'MigrationRunStoppedError';
  }
}

export interface ApplyMigrationsResult {
  applied: string[];
  alreadyApplied: string[];
}

interface MigrationFolder {
  name: string;
  script: string;
  checksum: string;
}

interface MigrationRecord {
  id: string;
  migration_name: string;
  checksum: string;
  logs: string | null;
  started_at: Date;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

type Log = (msg: string) => void;

/** The key Prisma Migrate locks on, so we also exclude a concurrent `prisma migrate deploy`. */
const PRISMA_MIGRATE_LOCK_KEY = 72707369;
/** Long enough for a PostgreSQL that is starting up, short enough for a restart loop to show it. */
const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
const MIGRATION_SCRIPT_FILE = 'migration.sql';
const LOCK_FILE = 'migration_lock.toml';
const EXPECTED_PROVIDER = 'postgresql';
const RESOLVE_DOCS = 'https://pris.ly/d/migrate-resolve';
/** Tables Prisma ignores when deciding whether a database without history is empty (PostGIS). */
const IGNORED_TABLES = /^(spatial_ref_sys|geometry_columns)$/i;

// Prisma's own DDL for the postgres flavour, verbatim.
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);
`;

export async function applyMigrations(
  options: ApplyMigrationsOptions,
): Promise<ApplyMigrationsResult> {
  const log = options.log ?? (() => undefined);
  assertLockFileProvider(options.migrationsDir);
  const migrations = readMigrationFolders(options.migrationsDir);

  const { signal } = options;
  throwIfStopped(signal, []);
  let socket: Socket | undefined;
  const client = new Client({
    connectionString: options.databaseUrl,
    connectionTimeoutMillis: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    // A server that vanishes mid-run (host down, no RST) ends the run instead of hanging it.
    keepAlive: true,
    // Our own socket, so a stop request can cut it: `client.end()` during PostgreSQL's start-up
    // says goodbye politely and waits for a server that may never answer.
    stream: () => (socket = new Socket()),
  });
  // A dropped connection also rejects the query in flight; this only keeps it from crashing us.
  client.on('error', () => undefined);
  const stopWaiting = cutConnectionOnAbort(() => socket, signal);
  try {
    await connect(client, options.databaseUrl);
    await useSchemaFromUrl(client, options.databaseUrl);
    await acquireMigrateLock(client, log);
  } catch (error) {
    await client.end().catch(() => undefined);
    throwIfStopped(signal, []);
    throw error;
  } finally {
    stopWaiting();
  }
  try {
    try {
      return await applyPendingMigrations(client, migrations, log, signal);
    } finally {
      // Closing the session releases the lock anyway; do not mask the original error.
      await client
        .query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATE_LOCK_KEY])
        .catch(() => undefined);
    }
  } finally {
    await client.end();
  }
}

/** Until the lock is held nothing is written: a stop request may simply end the connection. */
function cutConnectionOnAbort(
  socket: () => Socket | undefined,
  signal: AbortSignal | undefined,
): () => void {
  if (!signal) return () => undefined;
  const onAbort = (): void => void socket()?.destroy();
  signal.addEventListener('abort', onAbort, { once: true });
  return () => signal.removeEventListener('abort', onAbort);
}

function throwIfStopped(signal: AbortSignal | undefined, applied: string[]): void {
  if (signal?.aborted) throw new MigrationRunStoppedError(applied);
}

async function connect(client: Client, databaseUrl: string): Promise<void> {
  try {
    await client.connect();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Could not connect to PostgreSQL at ${describeServer(databaseUrl)}: ${reason}`,
      {
        cause: error,
      },
    );
  }
}

/** Host and port only: the URL's password stays out of the logs. */
function describeServer(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  return `${url.hostname}:${url.port || '5432'}`;
}

async function applyPendingMigrations(
  client: Client,
  migrations: MigrationFolder[],
  log: Log,
  signal: AbortSignal | undefined,
): Promise<ApplyMigrationsResult> {
  await ensureMigrationsTable(client, log);
  const records = await loadMigrationRecords(client);
  assertNoFailedMigrations(records);
  warnAboutDrift(migrations, records, log);

  const appliedNames = new Set(
    records.filter((record) => record.rolled_back_at === null).map((r) => r.migration_name),
  );
  const alreadyApplied = migrations.filter((m) => appliedNames.has(m.name)).map((m) => m.name);
  const pending = migrations.filter((m) => !appliedNames.has(m.name));
  if (pending.length === 0) log('No pending migrations to apply.');

  const applied: string[] = [];
  for (const migration of pending) {
    throwIfStopped(signal, applied);
    await applyMigration(client, migration, log);
    applied.push(migration.name);
  }
  return { applied, alreadyApplied };
}

/** Lists `<name>/migration.sql` folders in name order, as Prisma does. */
function readMigrationFolders(migrationsDir: string): MigrationFolder[] {
  if (!existsSync(migrationsDir)) {
    throw new Error(`Migrations directory not found: ${migrationsDir}`);
  }
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => readMigrationFolder(migrationsDir, name));
}

function readMigrationFolder(migrationsDir: string, name: string): MigrationFolder {
  const scriptPath = join(migrationsDir, name, MIGRATION_SCRIPT_FILE);
  if (!existsSync(scriptPath)) {
    throw new Error(`Could not find the migration file at ${scriptPath} (P3015).`);
  }
  const bytes = readFileSync(scriptPath);
  return { name, script: bytes.toString('utf8'), checksum: sha256Hex(bytes) };
}

function assertLockFileProvider(migrationsDir: string): void {
  const lockPath = join(migrationsDir, LOCK_FILE);
  if (!existsSync(lockPath)) return;
  const provider = /^\s*provider\s*=\s*"([^"]*)"/m.exec(readFileSync(lockPath, 'utf8'))?.[1];
  if (provider !== undefined && provider !== EXPECTED_PROVIDER) {
    throw new Error(
      `${lockPath} says provider "${provider}", but these migrations are applied to ` +
        `${EXPECTED_PROVIDER} (P3019).`,
    );
  }
}

/** Honours Prisma's `?schema=` URL parameter: migrations and their history live in that schema. */
async function useSchemaFromUrl(client: Client, databaseUrl: string): Promise<void> {
  const schema = new URL(databaseUrl).searchParams.get('schema');
  if (!schema) return;
  const quoted = quoteIdentifier(schema);
  const { rowCount } = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [
    schema,
  ]);
  // Checked first: CREATE SCHEMA IF NOT EXISTS needs the CREATE privilege even when it exists.
  if (rowCount === 0) await client.query(`CREATE SCHEMA ${quoted}`);
  await client.query(`SET search_path = ${quoted}`);
}

async function acquireMigrateLock(client: Client, log: Log): Promise<void> {
  const { rows } = await client.query<{ locked: boolean }>(
    'SELECT pg_try_advisory_lock($1) AS locked',
    [PRISMA_MIGRATE_LOCK_KEY],
  );
  if (rows[0]?.locked) return;
  log('Another migration run holds the migrate advisory lock; waiting for it to finish.');
  await client.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_LOCK_KEY]);
}

async function ensureMigrationsTable(client: Client, log: Log): Promise<void> {
  const tables = await listTablesInCurrentSchema(client);
  if (tables.includes('_prisma_migrations')) return;
  const unmanaged = tables.filter((name) => !IGNORED_TABLES.test(name));
  if (unmanaged.length > 0) {
    throw new Error(
      `The database schema is not empty (P3005): it has tables (${unmanaged.join(', ')}) but no ` +
        `_prisma_migrations history. Baseline it first: https://pris.ly/d/migrate-baseline`,
    );
  }
  await client.query(CREATE_MIGRATIONS_TABLE);
  log('Created the _prisma_migrations table.');
}

async function listTablesInCurrentSchema(client: Client): Promise<string[]> {
  const { rows } = await client.query<{ table_name: string }>(
    `SELECT tbl.relname AS table_name
       FROM pg_class AS tbl
       JOIN pg_namespace AS namespace ON namespace.oid = tbl.relnamespace
      WHERE tbl.relkind = 'r' AND namespace.nspname = current_schema()`,
  );
  return rows.map((row) => row.table_name);
}

async function loadMigrationRecords(client: Client): Promise<MigrationRecord[]> {
  const { rows } = await client.query<MigrationRecord>(
    `SELECT id, migration_name, checksum, logs, started_at, finished_at, rolled_back_at
       FROM _prisma_migrations
      ORDER BY started_at ASC`,
  );
  return rows;
}

/** Mirrors Prisma's P3009: a failed migration must be resolved before anything else runs. */
function assertNoFailedMigrations(records: MigrationRecord[]): void {
  const failed = records.filter((r) => r.finished_at === null && r.rolled_back_at === null);
  if (failed.length === 0) return;
  const details = failed.map(describeFailedMigration).join('\n');
  throw new Error(
    'Migrate found failed migrations in the target database, new migrations will not be ' +
      `applied (P3009).\n${details}\n${resolveHint(failed)}`,
  );
}

function resolveHint(failed: MigrationRecord[]): string {
  const names = failed.map((r) => `'${r.migration_name.replace(/'/g, "''")}'`).join(', ');
  return (
    'Migrations run in a transaction, so a failed one normally leaves no changes behind. ' +
    'Fix the cause, then mark it rolled back so the next run retries it: ' +
    '`prisma migrate resolve --rolled-back <name>`, or without the Prisma CLI: ' +
    `UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name IN (${names}) ` +
    `AND finished_at IS NULL AND rolled_back_at IS NULL; See ${RESOLVE_DOCS}`
  );
}

function describeFailedMigration(record: MigrationRecord): string {
  const logs = record.logs?.trim();
  const withLogs = logs ? ` with the following logs:\n${logs}` : '';
  return (
    `The \`${record.migration_name}\` migration started at ` +
    `${record.started_at.toISOString()} failed${withLogs}`
  );
}

function warnAboutDrift(migrations: MigrationFolder[], records: MigrationRecord[], log: Log): void {
  const finished = records.filter((r) => r.finished_at !== null && r.rolled_back_at === null);
  const folderNames = new Set(migrations.map((m) => m.name));
  for (const migration of migrations) {
    const record = finished.find((r) => r.migration_name === migration.name);
    if (record && !scriptMatchesChecksum(migration.script, record.checksum)) {
      log(
        `Warning: migration \`${migration.name}\` was modified after it was applied ` +
          `(checksum ${record.checksum} in the database, ${migration.checksum} on disk).`,
      );
    }
  }
  for (const record of finished.filter((r) => !folderNames.has(r.migration_name))) {
    log(
      `Warning: migration \`${record.migration_name}\` is applied in the database but ` +
        `missing from the migrations directory.`,
    );
  }
}

async function applyMigration(client: Client, migration: MigrationFolder, log: Log): Promise<void> {
  log(`Applying migration \`${migration.name}\``);
  const id = randomUUID();
  // Recorded outside the migration's transaction, so a failure leaves a row behind (as Prisma).
  await client.query(
    `INSERT INTO _prisma_migrations (id, checksum, started_at, migration_name)
     VALUES ($1, $2, now(), $3)`,
    [id, migration.checksum, migration.name],
  );
  try {
    await client.query('BEGIN');
    await client.query(migration.script);
    // Marked finished inside the same transaction: the SQL and its record commit together.
    await client.query(
      `UPDATE _prisma_migrations
          SET finished_at = clock_timestamp(), applied_steps_count = applied_steps_count + 1
        WHERE id = $1`,
      [id],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw await recordFailure(client, id, migration, error);
  }
}

async function recordFailure(
  client: Client,
  id: string,
  migration: MigrationFolder,
  error: unknown,
): Promise<Error> {
  const logs = describeApplyError(migration, error);
  await client
    .query('UPDATE _prisma_migrations SET logs = $2 WHERE id = $1', [id, logs])
    .catch(() => undefined);
  return new Error(
    `Migration \`${migration.name}\` failed to apply; it is recorded as failed in ` +
      `_prisma_migrations and blocks later runs until resolved (P3018).\n${logs}`,
    { cause: error },
  );
}

/** Shapes `logs` like Prisma's P3018 so `prisma migrate status` shows a familiar message. */
function describeApplyError(migration: MigrationFolder, error: unknown): string {
  const header =
    'A migration failed to apply. New migrations cannot be applied before the error is ' +
    `recovered from. Read more about how to resolve migration issues in a production ` +
    `database: ${RESOLVE_DOCS}\n\nMigration name: ${migration.name}\n\n`;
  if (!(error instanceof DatabaseError)) {
    return `${header}Database error code: none\n\nDatabase error:\n${String(error)}`;
  }
  const position = describeErrorPosition(migration.script, error.position);
  return (
    `${header}Database error code: ${error.code ?? 'none'}\n\n` +
    `Database error:\nERROR: ${error.message}${position}`
  );
}

/** Postgres reports a 1-based character offset into the script; show that line with its number. */
function describeErrorPosition(script: string, position: string | undefined): string {
  const offset = Number(position);
  if (!Number.isInteger(offset) || offset < 1) return '';
  const before = script.slice(0, offset - 1);
  const lineNumber = before.split('\n').length;
  const line = script.split('\n')[lineNumber - 1] ?? '';
  return `\n\nPosition:\n${String(lineNumber).padStart(3)} ${line}`;
}

/**
 * Prisma's comparison: line-ending agnostic (git may rewrite them), and tolerant of the
 * non-zero-padded hex an old schema engine wrote.
 */
function scriptMatchesChecksum(script: string, checksum: string): boolean {
  const variants = [script, script.replace(/\r\n/g, '\n'), script.replace(/\n/g, '\r\n')];
  return variants.some((variant) => {
    const digest = createHash('sha256').update(variant, 'utf8').digest();
    const rendered =
      checksum.length !== 0 && checksum.length !== 64
        ? Array.from(digest, (byte) => byte.toString(16)).join('')
        : digest.toString('hex');
    return rendered === checksum;
  });
}

function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
