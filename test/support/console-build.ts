import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const CONSOLE = join(ROOT, 'apps', 'console');
const BUILT_PAGE = join(ROOT, 'dist', 'console', 'index.html');

function newestChange(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * The console suites test the built page, as the service serves it. CI builds first
 * (`npm run build`); a developer's run rebuilds it when the sources are newer than the build.
 */
export function ensureConsoleBuilt(): void {
  if (existsSync(BUILT_PAGE) && statSync(BUILT_PAGE).mtimeMs >= newestChange(CONSOLE)) return;
  execFileSync('npx', ['vite', 'build', '--config', join(CONSOLE, 'vite.config.ts')], {
    cwd: ROOT,
    stdio: 'pipe',
    timeout: 300_000,
  });
}
