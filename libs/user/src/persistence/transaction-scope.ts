import { Injectable } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { Prisma, PrismaService } from '@app/prisma';

/** Multi-write operations are short; a stuck one is cut off rather than holding row locks. */
const TRANSACTION_OPTIONS = { maxWait: 2_000, timeout: 5_000 } as const;

/**
 * Runs work in one database transaction that the repositories join without being
 * handed a client: they query through `db`, which is the open transaction when there
 * is one (nested `run` calls join it) and the plain client otherwise.
 */
@Injectable()
export class TransactionScope {
  private readonly current = new AsyncLocalStorage<Prisma.TransactionClient>();

  constructor(private readonly prisma: PrismaService) {}

  get db(): Prisma.TransactionClient {
    return this.current.getStore() ?? this.prisma;
  }

  /** Whether the caller runs inside `run` (its writes commit together). */
  get inTransaction(): boolean {
    return this.current.getStore() !== undefined;
  }

  run<T>(work: () => Promise<T>): Promise<T> {
    if (this.current.getStore() !== undefined) return work();
    return this.prisma.$transaction(
      (transaction) => this.current.run(transaction, work),
      TRANSACTION_OPTIONS,
    );
  }
}
