import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
export const BUILT_MAIN = join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js');
export const BUILT_WORKER_MAIN = join(ROOT, 'dist', 'apps', 'worker', 'src', 'main.js');
/** `npm run admin:create` after its build. */
export const BUILT_ADMIN_CREATE = join(ROOT, 'dist', 'apps', 'api', 'src', 'admin-create.js');

function newestSourceMs(): number {
  let newest = 0;
  for (const dir of ['apps', 'libs']) {
    for (const entry of readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })) {
      // The Prisma client is generated again before every test run (`pretest`), the same
      // content with a new time: counting it rebuilt (and so deleted) dist while other suites
      // were starting it.
      if (entry.endsWith('.ts') && !entry.includes('/generated/'))
        newest = Math.max(newest, statSync(join(ROOT, dir, entry)).mtimeMs);
    }
  }
  return newest;
}

/**
 * The compiled service (`npm run build`, as the image runs it), built again when a source file
 * is newer than it: Nest's injection needs the decorator metadata tsc emits, so the sources
 * cannot run as they are.
 */
export function ensureBuiltApp(): string {
  const built = [BUILT_MAIN, BUILT_WORKER_MAIN];
  const newest = newestSourceMs();
  if (built.some((main) => !existsSync(main) || statSync(main).mtimeMs < newest)) {
    execFileSync('npx', ['nest', 'build'], { cwd: ROOT, stdio: 'ignore', timeout: 300_000 });
  }
  return BUILT_MAIN;
}
