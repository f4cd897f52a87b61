import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
// Imported by path rather than through @app/prisma: plain `node dist/...` does not resolve the
// alias, and the barrel would load the generated client this command has no use for.
import { applyMigrations } from '../../../libs/prisma/src/migrator';

/**
 * `npm run db:migrate`: applies prisma/migrations to DATABASE_URL, offline (no schema engine).
 * Prints JSON lines; exits 0 when everything is applied, 1 otherwise.
 */

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
  try {
    const migrationsDir = findMigrationsDir(__dirname);
    const result = await applyMigrations({ databaseUrl, migrationsDir, log: logMigratorMessage });
    for (const migration of result.applied)
      writeLine('info', { event: 'migration_applied', migration });
    writeLine('info', {
      event: 'migrations_done',
      applied: result.applied.length,
      alreadyApplied: result.alreadyApplied.length,
      durationMs: Date.now() - startedAt,
    });
  } catch (error) {
    const msg = error instanceof Error ? error.message : String(error);
    writeLine('error', { event: 'migrations_failed', msg, durationMs: Date.now() - startedAt });
    process.exitCode = 1;
  }
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
