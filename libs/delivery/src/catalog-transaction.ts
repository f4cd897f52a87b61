import { Prisma, PrismaService } from '@app/prisma';

/** A client that runs either on its own or inside a caller's transaction. */
export type Db = Prisma.TransactionClient;

/** Catalogue writes are short; a stuck one must not hold connections for long. */
const TRANSACTION_OPTIONS = { maxWait: 2000, timeout: 5000 };

/** Advisory-lock keys: one writer at a time per catalogue, across every API instance. */
const LOCK_KEYS = { signatures: 0x534d5301, templates: 0x534d5302 } as const;

/**
 * Runs `work` in one transaction that first takes the catalogue's advisory lock, so rules that
 * read before they write (the single default signature, the last approved template of a
 * purpose) hold under concurrency. The lock is released with the transaction.
 */
export function inCatalogTransaction<T>(
  prisma: PrismaService,
  catalogue: keyof typeof LOCK_KEYS,
  work: (tx: Db) => Promise<T>,
): Promise<T> {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK_KEYS[catalogue]})`;
    return work(tx);
  }, TRANSACTION_OPTIONS);
}

/** True for Prisma's unique-constraint violation. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}
