import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { Pool, type QueryResultRow } from 'pg';
import { AppConfigService } from '@app/config';
import { type DirectResult, type DirectStatements, runDirect } from './direct-statement';
import { Prisma, PrismaClient } from './generated/client';

// Lets the server's own cancellation, the cleaner of the two, arrive first.
const CLIENT_TIMEOUT_MARGIN_MS = 500;
/** node-postgres's error when query_timeout passed without an answer. */
const CLIENT_GAVE_UP = 'Query read timeout';

/** The Prisma client of the process, over node-postgres. */
@Injectable()
export class PrismaService extends PrismaClient implements OnApplicationShutdown {
  private readonly logger = new Logger(PrismaService.name);
  /** node-postgres's pool, which Prisma's adapter queries through and `direct` uses as is. */
  private readonly pool: Pool;

  constructor(config: AppConfigService) {
    const queryTimeoutMs = config.get('DATABASE_QUERY_TIMEOUT_MS');
    const pool = new Pool({
      connectionString: config.get('DATABASE_URL'),
      max: 10,
      // Also bounds the wait for a free connection when all ten are busy.
      connectionTimeoutMillis: 3000,
      // The server cancels a statement running longer than this (its connection stays
      // usable); the client gives up a little later, for a server that does not answer at
      // all (frozen, unreachable host), and pg then drops that connection.
      statement_timeout: queryTimeoutMs,
      query_timeout: queryTimeoutMs + CLIENT_TIMEOUT_MARGIN_MS,
    });
    super({ adapter: new PrismaPg(pool) });
    this.pool = pool;
    // An idle connection the server dropped: pg removes it from the pool; unheard, the event
    // would end the process (the adapter listens only once Prisma has connected).
    pool.on('error', (error) =>
      this.logger.warn(`Idle database connection lost: ${error.message}`),
    );
  }

  /**
   * One statement over the same pool, without Prisma's query machinery (direct-statement.ts):
   * for the few hot batch writes where that machinery was the cost. Not inside a Prisma
   * transaction: it takes a connection of its own.
   */
  direct<Row extends QueryResultRow = Record<string, unknown>>(
    statement: Prisma.Sql,
  ): Promise<DirectResult<Row>> {
    return runDirect<Row>(this.pool, statement);
  }

  /**
   * `work` in one transaction on a connection of its own, its statements over node-postgres as
   * `direct` runs them: for the hot multi-statement writes that need no model query (a log-in's
   * session), where Prisma's interactive transaction and query machinery were the cost. Each
   * statement is bounded by DATABASE_QUERY_TIMEOUT_MS, as every query is.
   */
  async directTransaction<T>(work: (run: DirectStatements) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let unusable: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work((statement) => runDirect(client, statement));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      // A server that stopped answering would keep the ROLLBACK waiting too: the connection
      // is dropped instead, and the server rolls back when it goes.
      if (error instanceof Error && error.message.includes(CLIENT_GAVE_UP)) unusable = error;
      else await client.query('ROLLBACK').catch((failed: Error) => (unusable = failed));
      throw error;
    } finally {
      client.release(unusable);
    }
  }

  async isReachable(): Promise<boolean> {
    try {
      await this.$queryRaw`SELECT 1`;
      return true;
    } catch {
      return false;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    try {
      await this.$disconnect();
    } finally {
      // The adapter leaves a pool it was given to its owner: ended even if Prisma failed to
      // disconnect, or its connections would hold the process open.
      await this.pool.end();
    }
  }
}
