import { Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QUEUE_NAMES } from './queue-names';

const READY_TIMEOUT_MS = 5000;

/**
 * Connects every queue at start-up, as RedisService does: a producer's first command awaits
 * its connection, which would wait as long as Redis is away instead of failing fast. Also
 * logs the queues' connection errors.
 */
@Injectable()
export class QueueReadiness implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('Queue');
  private queues: Queue[] = [];

  constructor(private readonly moduleRef: ModuleRef) {}

  onModuleInit(): void {
    this.queues = QUEUE_NAMES.map((name) =>
      this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }),
    );
    for (const queue of this.queues) {
      queue.on('error', (error: Error) =>
        this.logger.warn(`Queue ${queue.name}: ${error.message}`),
      );
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    const { queues } = this;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Queues not connected to Redis within ${READY_TIMEOUT_MS} ms`)),
        READY_TIMEOUT_MS,
      );
    });
    try {
      await Promise.race([Promise.all(queues.map((queue) => queue.waitUntilReady())), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
