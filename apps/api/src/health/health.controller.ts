import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import { Public } from '@app/common';
import { PrismaService } from '@app/prisma';
import { RedisService } from '@app/redis';

type Reachability = 'up' | 'down';

export interface HealthReport {
  status: 'ok' | 'unavailable';
  database: Reachability;
  redis: Reachability;
}

/** For load balancers and orchestrators: 503 when PostgreSQL or Redis is unreachable. */
@ApiTags('health')
@Public()
@SkipThrottle()
@Controller('health')
export class HealthController {
  constructor(
    private readonly prisma: PrismaService,
    private readonly redis: RedisService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Database and Redis reachability' })
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthReport> {
    const [database, redis] = await Promise.all([this.prisma.isReachable(), this.redis.ping()]);
    const report: HealthReport = {
      status: database && redis ? 'ok' : 'unavailable',
      database: database ? 'up' : 'down',
      redis: redis ? 'up' : 'down',
    };
    void reply.status(report.status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }
}
