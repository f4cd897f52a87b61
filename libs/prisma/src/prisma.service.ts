import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { Pool, type QueryResultRow } from 'pg';
import { AppConfigService } from '@app/config';
import { runDirect } from './direct-statement';
import { Prisma, PrismaClient } from './generated/client';

// Lets the server's own cancellation, the cleaner of the two, arrive first.
const CLIENT_TIMEOUT_MARGIN_MS = 500;

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
  ): Promise<{ rows: Row[]; rowCount: number }> {
    return runDirect<Row>(this.pool, statement);
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
