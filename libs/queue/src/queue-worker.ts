import { Logger } from '@nestjs/common';
import { Processor, Worker, WorkerOptions } from 'bullmq';
import { isCluster, type RedisClient } from '@app/redis';
import { workerConnection } from './queue-connection';

const logger = new Logger('QueueWorker');

/**
 * The `Worker` every @Processor runs on (set as `BullModule.workerClass`). @nestjs/bullmq
 * hands a worker its queue's connection, which is the producers' (fail fast, command timeout):
 * this swaps in the connection BullMQ requires of workers, and logs its errors (a Redis that
 * goes away) instead of leaving them to BullMQ's console fallback.
 */
export class QueueWorker extends Worker {
  /** On a Redis Cluster, the worker's own cluster client: BullMQ does not close a client. */
  private readonly ownCluster?: RedisClient;

  constructor(name: string, processor: Processor | string | URL | null, opts: WorkerOptions) {
    const connection = workerConnection(opts.connection);
    super(name, processor, { ...opts, connection });
    if (isCluster(connection as RedisClient)) this.ownCluster = connection as RedisClient;
    this.on('error', (error: Error) => logger.warn(`Worker of ${name}: ${error.message}`));
  }

  override async close(force = false): Promise<void> {
    try {
      await super.close(force);
    } finally {
      this.ownCluster?.disconnect();
    }
  }

  override async disconnect(): Promise<void> {
    await super.disconnect();
    this.ownCluster?.disconnect();
  }
}
