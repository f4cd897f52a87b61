import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, ModuleRef } from '@nestjs/core';
import { getQueueToken, WorkerHost } from '@nestjs/bullmq';
import type { Job, Queue } from 'bullmq';
import { QUEUE_NAMES } from '@app/queue';
import { Metrics } from './metrics.service';
import { within } from './within';

/** The states the depth gauge reports; the others (completed, paused...) say nothing of load. */
export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/** A scrape waits this long for a queue's counts, then reports without them. */
export const QUEUE_COUNT_TIMEOUT_MS = 1000;

/**
 * The queues' side of the metrics: each queue's depth, read from BullMQ at scrape time, and
 * the duration of each job the workers of this process finish.
 */
@Injectable()
export class QueueMetricsCollector implements OnApplicationBootstrap {
  constructor(
    private readonly metrics: Metrics,
    private readonly moduleRef: ModuleRef,
    private readonly discovery: DiscoveryService,
  ) {}

  onApplicationBootstrap(): void {
    const queues = QUEUE_NAMES.map((name) =>
      this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }),
    );
    this.metrics.readQueueDepthsFrom(async () => {
      const counted = await Promise.all(
        queues.map(async (queue) => ({
          queue: queue.name,
          counts: await within(queue.getJobCounts(...QUEUE_STATES), QUEUE_COUNT_TIMEOUT_MS),
        })),
      );
      return counted.flatMap(({ queue, counts }) => (counts ? [{ queue, counts }] : []));
    });
    for (const worker of this.workers()) {
      const finished = (outcome: 'completed' | 'failed') => (job: Job | undefined) => {
        if (job?.processedOn === undefined || job.finishedOn === undefined) return;
        const seconds = (job.finishedOn - job.processedOn) / 1000;
        this.metrics.jobFinished(worker.name, job.name, outcome, seconds);
      };
      worker.on('completed', finished('completed'));
      worker.on('failed', finished('failed'));
    }
  }

  private workers(): WorkerHost['worker'][] {
    return this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is WorkerHost => instance instanceof WorkerHost)
      .map((host) => host.worker);
  }
}
