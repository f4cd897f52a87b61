import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { JobType, Queue } from 'bullmq';
import { QUEUE_NAMES } from '../queue-names';
import { QueueCountsDto, QueuesDto } from './queue-counts.dto';

const COUNTED: JobType[] = ['waiting', 'prioritized', 'active', 'delayed', 'failed', 'completed'];

@Injectable()
export class QueueStatsService {
  constructor(private readonly moduleRef: ModuleRef) {}

  /** Two round trips per queue, all at once (BullMQ counts every state in one script). */
  async counts(): Promise<QueuesDto> {
    const queues = await Promise.all(QUEUE_NAMES.map((name) => this.countsOf(name)));
    return { queues };
  }

  private async countsOf(name: QueueCountsDto['name']): Promise<QueueCountsDto> {
    const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
    const [counts, paused] = await Promise.all([queue.getJobCounts(...COUNTED), queue.isPaused()]);
    const count = (state: string): number => counts[state] ?? 0;
    return {
      name,
      waiting: count('waiting'),
      prioritized: count('prioritized'),
      active: count('active'),
      delayed: count('delayed'),
      failed: count('failed'),
      completed: count('completed'),
      paused,
    };
  }
}
