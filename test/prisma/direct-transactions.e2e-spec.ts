import { randomBytes } from 'node:crypto';
import { Prisma, PrismaService } from '../../libs/prisma/src';
import { TransactionScope } from '../../libs/user/src/persistence/transaction-scope';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A log-in opens its session in a transaction of plain statements over node-postgres
 * (TransactionScope.runDirect): it must commit and roll back as Prisma's does, and join, or be
 * joined by, a transaction of the other kind.
 */
describe('Direct transactions', () => {
  let app: TestApp;
  let scope: TransactionScope;
  let prisma: PrismaService;
  const table = Prisma.raw(`direct_tx_${randomBytes(4).toString('hex')}`);

  beforeAll(async () => {
    app = await startTestApp();
    scope = app.app.get(TransactionScope, { strict: false });
    prisma = app.app.get(PrismaService, { strict: false });
    await prisma.direct(Prisma.sql`CREATE TABLE ${table} (label text NOT NULL)`);
  });

  afterAll(async () => {
    await prisma.direct(Prisma.sql`DROP TABLE IF EXISTS ${table}`);
    await app.close();
  });

  const insert = (label: string) => scope.sql(Prisma.sql`INSERT INTO ${table} VALUES (${label})`);
  const labels = async (): Promise<string[]> =>
    (await prisma.direct<{ label: string }>(Prisma.sql`SELECT label FROM ${table}`)).rows
      .map((row) => row.label)
      .sort();

  it('commits its statements together, and none of them when the work fails', async () => {
    await scope.runDirect(async () => {
      await insert('a');
      await insert('b');
    });
    await expect(
      scope.runDirect(async () => {
        await insert('c');
        throw new Error('the work failed');
      }),
    ).rejects.toThrow('the work failed');
    await expect(
      scope.runDirect(async () => {
        await insert('d');
        await scope.sql(Prisma.sql`SELECT 1/0`);
      }),
    ).rejects.toThrow(/division by zero/);
    expect(await labels()).toEqual(['a', 'b']);
  });

  it('holds what it wrote from other connections until it commits', async () => {
    let seenInside: string[] = [];
    await scope.runDirect(async () => {
      await insert('uncommitted');
      seenInside = await labels();
    });
    expect(seenInside).not.toContain('uncommitted');
    expect(await labels()).toContain('uncommitted');
  });

  it('refuses a Prisma model query inside it, which would run outside the transaction', async () => {
    await expect(scope.runDirect(() => scope.db.user.count())).rejects.toThrow(
      /cannot join a direct transaction/,
    );
  });

  it('joins a transaction of the other kind, and is joined by one', async () => {
    await expect(
      scope.run(async () => {
        await scope.runDirect(() => insert('joined-prisma'));
        await scope.db.$executeRaw`INSERT INTO ${table} VALUES ('prisma')`;
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await expect(
      scope.runDirect(async () => {
        await scope.run(() => insert('joined-direct'));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    const written = await labels();
    expect(written).not.toContain('joined-prisma');
    expect(written).not.toContain('prisma');
    expect(written).not.toContain('joined-direct');
  });
});
