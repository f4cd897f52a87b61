import { DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createReadStream, existsSync } from 'node:fs';
import { AppConfigModule, Environment } from '@app/config';
import { LeanCloudImportModule, LeanCloudImportService } from '@app/leancloud';
import { PrismaModule } from '@app/prisma';
import { validateServiceEnvironment } from './service-environment';
import { ImportProgressPrinter, Output } from './import-progress-printer';

const USAGE = 'usage: npm run import:leancloud -- <export.jsonl | export.json>';

@Module({})
class ImportCommandModule {
  static register(environment: Environment): DynamicModule {
    return {
      module: ImportCommandModule,
      imports: [AppConfigModule.forRoot(environment), PrismaModule, LeanCloudImportModule],
    };
  }
}

/**
 * Imports a LeanCloud `_User` export with the service's own settings (DATABASE_URL, REDIS_URL,
 * SMS_DEFAULT_REGION, SMS_ALLOWED_REGIONS...). Rejected rows and warnings go to `out`, one a
 * line; progress to `err`. Answers the exit code: 0 when the whole file was read.
 */
export async function runImportCommand(
  argv: string[],
  env: Record<string, string | undefined>,
  out: Output,
  err: Output,
): Promise<number> {
  const [file, ...extra] = argv;
  if (file === undefined || extra.length > 0 || file.startsWith('-')) {
    err.write(`${USAGE}\n`);
    return 1;
  }
  if (!existsSync(file)) {
    err.write(`No such file: ${file}\n`);
    return 1;
  }
  const environment = validateServiceEnvironment(env);
  const context = await NestFactory.createApplicationContext(
    ImportCommandModule.register(environment),
    { logger: ['error', 'warn'] },
  );
  try {
    const printer = new ImportProgressPrinter(out, err);
    const input = createReadStream(file, { encoding: 'utf8', highWaterMark: 256 * 1024 });
    const summary = await context.get(LeanCloudImportService).run(input, printer);
    printer.summary(summary);
    return summary.fatal === undefined ? 0 : 1;
  } finally {
    await context.close();
  }
}
