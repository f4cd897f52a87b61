import { Injectable } from '@nestjs/common';
import { ServiceUnavailableError } from '@app/common';
import { PrismaService } from '@app/prisma';
import { RedisService } from '@app/redis';
import { ShutdownState } from '../shutdown/shutdown-state';
import { trueWithin } from './deadline';

/** Each dependency's deadline; checked in parallel, so /health answers within about this. */
export const HEALTH_CHECK_DEADLINE_MS = 1500;

type Reachability = 'up' | 'down';

export interface DependencyReport {
  database: Reachability;
  redis: Reachability;
}

export interface ReadyReport extends DependencyReport {
  status: 'ok';
}

/** The error model (`statusCode`, `code`, `message`) with the same report beside it. */
export interface NotReadyReport extends DependencyReport {
  statusCode: number;
  code: string;
  message: string;
  status: 'unavailable';
}

/** Whether this instance can serve: PostgreSQL and Redis answer in time, and it is not stopping. */
@Injectable()
export class ReadinessService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly redis: RedisService,
    private readonly shutdown: ShutdownState,
  ) {}

  async check(): Promise<ReadyReport | NotReadyReport> {
    const [database, redis] = await Promise.all([
      trueWithin(this.prisma.isReachable(), HEALTH_CHECK_DEADLINE_MS),
      trueWithin(this.redis.ping(), HEALTH_CHECK_DEADLINE_MS),
    ]);
    const dependencies: DependencyReport = {
      database: database ? 'up' : 'down',
      redis: redis ? 'up' : 'down',
    };
    const reason = this.notReadyReason(database, redis);
    if (reason === undefined) return { status: 'ok', ...dependencies };
    const error = new ServiceUnavailableError(reason);
    return {
      statusCode: error.status,
      code: error.code,
      message: error.message,
      status: 'unavailable',
      ...dependencies,
    };
  }

  private notReadyReason(database: boolean, redis: boolean): string | undefined {
    if (this.shutdown.stopping) return 'Shutting down';
    const down = [database ? undefined : 'PostgreSQL', redis ? undefined : 'Redis'].filter(
      (name) => name !== undefined,
    );
    if (down.length === 0) return undefined;
    return `${down.join(' and ')} unreachable or not answering within ${HEALTH_CHECK_DEADLINE_MS} ms`;
  }
}
