import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '@app/common';
import { StatsDto, StatsQueryDto } from './dto/stats.dto';
import { SmsStatsService } from './sms-stats.service';

@ApiTags('admin: sms')
@AdminOnly()
@Controller('v1/admin/sms/stats')
export class SmsStatsController {
  constructor(private readonly stats: SmsStatsService) {}

  @Get()
  @ApiOperation({ summary: 'Message counts, segments and the code conversion rate, grouped' })
  @ApiOkResponse({ type: StatsDto })
  report(@Query() query: StatsQueryDto): Promise<StatsDto> {
    return this.stats.report(query);
  }
}
