import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '@app/common';
import { QueuesDto } from './queue-counts.dto';
import { QueueStatsService } from './queue-stats.service';

@ApiTags('admin: queues')
@AdminOnly()
@Controller('v1/admin/queues')
export class QueueAdminController {
  constructor(private readonly stats: QueueStatsService) {}

  @Get()
  @ApiOperation({ summary: "Every queue's jobs by state (waiting, active, delayed, failed…)" })
  @ApiOkResponse({ type: QueuesDto })
  list(): Promise<QueuesDto> {
    return this.stats.counts();
  }
}
