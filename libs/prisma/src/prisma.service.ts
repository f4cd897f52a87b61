import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { AppConfigService } from '@app/config';
import { PrismaClient } from './generated/client';

// Lets the server's own cancellation, the cleaner of the two, arrive first.
const CLIENT_TIMEOUT_MARGIN_MS = 500;

/** The Prisma client of the process, over node-postgres. */
@Injectable()
export class PrismaService extends PrismaClient implements OnApplicationShutdown {
  constructor(config: AppConfigService) {
    const queryTimeoutMs = config.get('DATABASE_QUERY_TIMEOUT_MS');
    super({
      adapter: new PrismaPg({
        connectionString: config.get('DATABASE_URL'),
        max: 10,
        // Also bounds the wait for a free connection when all ten are busy.
        connectionTimeoutMillis: 3000,
        // The server cancels a statement running longer than this (its connection stays
        // usable); the client gives up a little later, for a server that does not answer at
        // all (frozen, unreachable host), and pg then drops that connection.
        statement_timeout: queryTimeoutMs,
        query_timeout: queryTimeoutMs + CLIENT_TIMEOUT_MARGIN_MS,
      }),
    });
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
    await this.$disconnect();
  }
}
