import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public, Unthrottled } from '@app/common';
import { NotReadyReport, ReadinessService, ReadyReport } from './readiness.service';

const reachability = { type: 'string', enum: ['up', 'down'] };
const READY_SCHEMA = {
  type: 'object',
  required: ['status', 'database', 'redis'],
  properties: {
    status: { type: 'string', enum: ['ok'] },
    database: reachability,
    redis: reachability,
  },
};
const NOT_READY_SCHEMA = {
  type: 'object',
  required: ['statusCode', 'code', 'message', 'status', 'database', 'redis'],
  properties: {
    statusCode: { type: 'integer', enum: [503] },
    code: { type: 'string', enum: ['ServiceUnavailable'] },
    message: { type: 'string' },
    status: { type: 'string', enum: ['unavailable'] },
    database: reachability,
    redis: reachability,
  },
};
const NOT_READY_DESCRIPTION =
  'ServiceUnavailable: PostgreSQL or Redis unreachable or not answering within 1.5 s, or the ' +
  'process is shutting down';

/**
 * For load balancers and orchestrators. Liveness restarts a process that no longer answers;
 * readiness takes out of rotation one that cannot serve now (a dependency down or hung, or a
 * graceful stop under way) without restarting it.
 */
@ApiTags('health')
@Public()
@Unthrottled()
@Controller('health')
export class HealthController {
  constructor(private readonly readiness: ReadinessService) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers (no dependency is checked)' })
  @ApiOkResponse({
    schema: { type: 'object', required: ['status'], properties: { status: { enum: ['ok'] } } },
  })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: PostgreSQL and Redis answer, and not shutting down' })
  @ApiOkResponse({ schema: READY_SCHEMA })
  @ApiServiceUnavailableResponse({ description: NOT_READY_DESCRIPTION, schema: NOT_READY_SCHEMA })
  ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<ReadyReport | NotReadyReport> {
    return this.answer(reply);
  }

  /** Readiness under its first name, kept for the deployments that probe it. */
  @Get()
  @ApiOperation({ summary: 'Readiness (the same as /health/ready)' })
  @ApiOkResponse({ schema: READY_SCHEMA })
  @ApiServiceUnavailableResponse({ description: NOT_READY_DESCRIPTION, schema: NOT_READY_SCHEMA })
  check(@Res({ passthrough: true }) reply: FastifyReply): Promise<ReadyReport | NotReadyReport> {
    return this.answer(reply);
  }

  private async answer(reply: FastifyReply): Promise<ReadyReport | NotReadyReport> {
    const report = await this.readiness.check();
    void reply
      .status(report.status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
      .header('Cache-Control', 'no-store');
    return report;
  }
}
