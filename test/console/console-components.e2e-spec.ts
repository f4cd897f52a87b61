import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(__dirname, '..', '..');

interface VitestReport {
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  testResults: { name: string; assertionResults: { fullName: string; status: string }[] }[];
}

/**
 * The console's component tests (apps/console/src/**\/*.test.tsx) run under Vitest in jsdom:
 * the console is an ES-module React app that Jest's CommonJS set-up does not build. Run from
 * here so `npm test` stays the one command.
 */
describe('The console component tests (Vitest, jsdom)', () => {
  it('all pass', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'console-vitest-'));
    const output = join(dir, 'report.json');
    try {
      await promisify(execFile)(
        'npx',
        [
          'vitest',
          'run',
          '--config',
          'apps/console/vite.config.ts',
          '--reporter=json',
          `--outputFile=${output}`,
        ],
        { cwd: ROOT, timeout: 240_000, maxBuffer: 16 * 1024 * 1024 },
      ).catch(() => undefined);
      const report = JSON.parse(readFileSync(output, 'utf8')) as VitestReport;
      const failed = report.testResults.flatMap((file) =>
        file.assertionResults
          .filter((test) => test.status !== 'passed')
          .map((test) => `${file.name.replace(ROOT, '')}: ${test.fullName} (${test.status})`),
      );
      expect(failed).toEqual([]);
      expect(report.numPassedTests).toBe(report.numTotalTests);
      expect(report.numPassedTests).toBeGreaterThanOrEqual(10);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
