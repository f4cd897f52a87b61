import 'reflect-metadata';
import { InvalidConfigurationError } from '@app/config';
import { runImportCommand } from './import-leancloud.command';

/**
 * `npm run import:leancloud -- <file>`, or in the image `node dist/apps/api/src/import-leancloud.js
 * <file>`. Built first: Nest's injection needs the decorator metadata tsc emits.
 */
runImportCommand(process.argv.slice(2), process.env, process.stdout, process.stderr).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const detail =
      error instanceof InvalidConfigurationError || !(error instanceof Error)
        ? String(error instanceof Error ? error.message : error)
        : (error.stack ?? error.message);
    process.stderr.write(`Import failed: ${detail}\n`);
    process.exitCode = 1;
  },
);
