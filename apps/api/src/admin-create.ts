import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { AdminAccountsRepository, AdminSetupService, FirstOwnerFieldsDto } from '@app/admin';
import { InvalidParamError } from '@app/common';
import { AppConfigModule } from '@app/config';
import { PrismaModule } from '@app/prisma';
import { PasswordHasher } from '@app/user';
import { validateServiceEnvironment } from './service-environment';

/**
 * `npm run admin:create -- --username alice [--password ...]`: creates the first owner from the
 * operator's shell (the password from stdin when not given, so it stays out of the history).
 * Refused, like the setup page, once an owner exists. Prints one JSON line; exit 1 on failure.
 */
async function main(): Promise<void> {
  const username = flag('--username');
  const password = flag('--password') ?? (await readStdin()).trim();
  if (username === undefined || password.length === 0) {
    throw new Error(
      'usage: npm run admin:create -- --username <name> [--password <password>] (or the password on stdin)',
    );
  }
  checkFirstOwner(username, password);
  const environment = validateServiceEnvironment(process.env);

  @Module({
    imports: [AppConfigModule.forRoot(environment), PrismaModule],
    providers: [AdminAccountsRepository, PasswordHasher, AdminSetupService],
  })
  class AdminCreateModule {}

  const context = await NestFactory.createApplicationContext(AdminCreateModule, { logger: false });
  try {
    const owner = await context.get(AdminSetupService).createOwnerIfNone({ username, password });
    process.stdout.write(`${JSON.stringify({ event: 'owner_created', id: owner.id, username })}\n`);
  } finally {
    await context.close();
  }
}

/**
 * The setup page's rules (the same DTO), checked before the database is opened: without them
 * the script would make an owner whose password the page itself would refuse.
 */
function checkFirstOwner(username: string, password: string): void {
  const errors = validateSync(plainToInstance(FirstOwnerFieldsDto, { username, password }));
  if (errors.length > 0) {
    const reasons = errors.flatMap((error) => Object.values(error.constraints ?? {}));
    throw new InvalidParamError(reasons.join('; '));
  }
}

function flag(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at === -1 ? undefined : process.argv[at + 1];
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

main().catch((error: unknown) => {
  const message =
    error instanceof Error
      ? `${(error as { code?: string }).code ?? error.name}: ${error.message}`
      : String(error);
  process.stderr.write(`${JSON.stringify({ event: 'owner_not_created', error: message })}\n`);
  process.exitCode = 1;
});
