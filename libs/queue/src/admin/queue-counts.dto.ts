import { ApiProperty } from '@nestjs/swagger';
import { QUEUE_NAMES, QueueName } from '../queue-names';

export class QueueCountsDto {
  @ApiProperty({ enum: QUEUE_NAMES }) name: QueueName;
  @ApiProperty({ description: 'Ready to run, waiting for a worker' }) waiting: number;
  @ApiProperty({ description: 'Ready, with a priority (run before the waiting ones)' })
  prioritized: number;
  @ApiProperty({ description: 'Being worked on' }) active: number;
  @ApiProperty({ description: 'Due later: a retry after its backoff, a periodic job' })
  delayed: number;
  @ApiProperty({ description: 'Gave up (kept for a while)' }) failed: number;
  @ApiProperty({ description: 'Done (the most recent ones are kept)' }) completed: number;
  @ApiProperty({ description: 'Paused: its workers take no job' }) paused: boolean;
}

export class QueuesDto {
  @ApiProperty({ type: [QueueCountsDto] }) queues: QueueCountsDto[];
}
