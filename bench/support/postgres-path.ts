import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Debian keeps PostgreSQL's server binaries off PATH (as .ci/run notes). */
export function ensurePostgresOnPath(): void {
  const onPath = (process.env.PATH ?? '').split(':').some((dir) => existsSync(join(dir, 'initdb')));
  if (onPath) return;
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).sort((a, b) => Number(b) - Number(a)) : [];
  const bin = versions
    .map((v) => join(base, v, 'bin'))
    .find((dir) => existsSync(join(dir, 'initdb')));
  if (!bin) throw new Error('initdb not found: install PostgreSQL (see .ci/run)');
  process.env.PATH = `${bin}:${process.env.PATH ?? ''}`;
}
