import { Injectable } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { QueryResultRow } from 'pg';
import { DirectStatements, Prisma, PrismaService } from '@app/prisma';

/** Multi-write operations are short; a stuck one is cut off rather than holding row locks. */
const TRANSACTION_OPTIONS = { maxWait: 2_000, timeout: 5_000 } as const;

/** The open transaction: Prisma's, or one of plain statements over node-postgres. */
type OpenTransaction =
  | { readonly prisma: Prisma.TransactionClient; readonly direct?: undefined }
  | { readonly prisma?: undefined; readonly direct: DirectStatements };

/**
 * Runs work in one database transaction that the repositories join without being
 * handed a client: they query through `db`, which is the open transaction when there
 * is one (nested `run` calls join it) and the plain client otherwise, or through `sql`,
 * which joins either kind of transaction. `runDirect` opens the kind whose statements skip
 * Prisma's machinery, for the hot writes made of `sql` statements only.
 */
@Injectable()
export class TransactionScope {
  private readonly current = new AsyncLocalStorage<OpenTransaction>();

  constructor(private readonly prisma: PrismaService) {}

  get db(): Prisma.TransactionClient {
    const open = this.current.getStore();
    if (open?.direct) {
      // A model query would run outside the transaction, on a connection of its own.
      throw new Error('A Prisma query cannot join a direct transaction: write it with scope.sql');
    }
    return open?.prisma ?? this.prisma;
  }

  /** Whether the caller runs inside `run` (its writes commit together). */
  get inTransaction(): boolean {
    return this.current.getStore() !== undefined;
  }

  /**
   * One statement, in the open transaction of either kind, or on its own. Rows come back as
   * node-postgres reads them on a direct path and as Prisma does in its transaction: select
   * text, uuid-as-text and timestamps only, which read the same both ways.
   */
  async sql<Row extends QueryResultRow = Record<string, unknown>>(
    statement: Prisma.Sql,
  ): Promise<Row[]> {
    const open = this.current.getStore();
    if (open?.prisma) return open.prisma.$queryRaw<Row[]>(statement);
    const { rows } = await (open?.direct ?? this.prisma.direct.bind(this.prisma))<Row>(statement);
    return rows;
  }

  run<T>(work: () => Promise<T>): Promise<T> {
    if (this.current.getStore() !== undefined) return work();
    return this.prisma.$transaction(
      (transaction) => this.current.run({ prisma: transaction }, work),
      TRANSACTION_OPTIONS,
    );
  }

  /**
   * Like `run`, in a transaction of plain statements: everything `work` writes must go
   * through `sql` (`db` throws inside it). Joins a transaction already open, of either kind.
   */
  runDirect<T>(work: () => Promise<T>): Promise<T> {
    if (this.current.getStore() !== undefined) return work();
    return this.prisma.directTransaction((direct) => this.current.run({ direct }, work));
  }
}
