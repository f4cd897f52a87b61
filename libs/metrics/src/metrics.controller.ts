import { Controller, Get, Header, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ROUTE_ACCESS, ThrottledUnless, UnauthorizedError } from '@app/common';
import { MetricsNotExposedError } from './metrics.errors';
import { MetricsTokenGuard } from './metrics-token.guard';
import { Metrics } from './metrics.service';

/** Prometheus' text exposition format, version 0.0.4. */
const TEXT_FORMAT = 'text/plain; version=0.0.4; charset=utf-8';

/**
 * The metrics on the public port, for a scraper holding METRICS_TOKEN; METRICS_PORT serves the
 * same text without a token (MetricsPortServer). Apart from the app's API: its own tag and
 * security scheme, and not in the clients' way (a right token skips the per-IP throttler).
 */
@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Get()
  @SetMetadata(ROUTE_ACCESS, 'metrics')
  @UseGuards(MetricsTokenGuard)
  @ThrottledUnless(MetricsTokenGuard)
  @ApiBearerAuth('metrics')
  @ApiOperation({
    summary: 'Prometheus metrics (text format), with METRICS_TOKEN; 404 while it is unset',
  })
  @ApiOkResponse({ content: { [TEXT_FORMAT]: { schema: { type: 'string' } } } })
  @ApiErrors(UnauthorizedError, MetricsNotExposedError)
  @Header('Content-Type', TEXT_FORMAT)
  @Header('Cache-Control', 'no-store')
  scrape(): Promise<string> {
    return this.metrics.scrape();
  }
}
