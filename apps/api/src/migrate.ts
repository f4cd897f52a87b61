import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
// Imported by path rather than through @app/prisma: plain `node dist/...` does not resolve the
// alias, and the barrel would load the generated client this command has no use for.
import { applyMigrations, MigrationRunStoppedError } from '../../../libs/prisma/src/migrator';

/**
 * `npm run db:migrate`: applies prisma/migrations to DATABASE_URL, offline (no schema engine).
 * Prints JSON lines; exits 0 when everything is applied, 1 otherwise, and 128 + the signal's
 * number when SIGTERM or SIGINT stopped it (after the migration in progress, never during it).
 */

const STOP_SIGNALS = { SIGINT: 2, SIGTERM: 15 } as const;

type Level = 'info' | 'warn' | 'error';

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    writeLine('error', {
      msg: 'DATABASE_URL is not set; it must point at the PostgreSQL database.',
    });
    process.exitCode = 1;
    return;
  }

  const startedAt = Date.now();
  const stop = stopOnSignals();
  try {
    const migrationsDir = findMigrationsDir(__dirname);
    const result = await applyMigrations({
      databaseUrl,
      migrationsDir,
      log: logMigratorMessage,
      signal: stop.signal,
    });
    for (const migration of result.applied)
      writeLine('info', { event: 'migration_applied', migration });
    writeLine('info', {
      event: 'migrations_done',
      applied: result.applied.length,
      alreadyApplied: result.alreadyApplied.length,
      durationMs: Date.now() - startedAt,
    });
  } catch (error) {
    if (error instanceof MigrationRunStoppedError) {
      writeLine('warn', {
        event: 'migrations_stopped',
        msg: error.message,
        applied: error.applied,
      });
      process.exitCode = 128 + STOP_SIGNALS[stop.signalName() ?? 'SIGTERM'];
      return;
    }
    const msg = error instanceof Error ? error.message : String(error);
    writeLine('error', { event: 'migrations_failed', msg, durationMs: Date.now() - startedAt });
    process.exitCode = 1;
  }
}

/**
 * The first SIGTERM or SIGINT asks the migrator to stop after the migration in progress; later
 * ones are only logged: dying mid-migration would leave it recorded as failed (P3009).
 */
function stopOnSignals(): {
  signal: AbortSignal;
  signalName: () => keyof typeof STOP_SIGNALS | undefined;
} {
  const controller = new AbortController();
  let received: keyof typeof STOP_SIGNALS | undefined;
  for (const name of Object.keys(STOP_SIGNALS) as (keyof typeof STOP_SIGNALS)[]) {
    process.on(name, () => {
      writeLine('warn', {
        event: 'stop_requested',
        signal: name,
        msg: 'Stopping after the migration in progress.',
      });
      received ??= name;
      controller.abort();
    });
  }
  return { signal: controller.signal, signalName: () => received };
}

/** Walks up from `startDir` so this works from both apps/api/src and dist/apps/api/src. */
function findMigrationsDir(startDir: string): string {
  for (let dir = startDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'prisma', 'migrations');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) {
      throw new Error(`No prisma/migrations folder in ${startDir} or any parent directory`);
    }
  }
}

function logMigratorMessage(msg: string): void {
  writeLine(msg.startsWith('Warning') ? 'warn' : 'info', { msg });
}

function writeLine(level: Level, fields: Record<string, unknown>): void {
  const line = JSON.stringify({ time: new Date().toISOString(), level, ...fields });
  (level === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
}

void main();
