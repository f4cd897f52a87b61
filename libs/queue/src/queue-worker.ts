import { Logger } from '@nestjs/common';
import { Processor, Worker, WorkerOptions } from 'bullmq';
import { workerConnection } from './queue-connection';

const logger = new Logger('QueueWorker');

/**
 * The `Worker` every @Processor runs on (set as `BullModule.workerClass`). @nestjs/bullmq
 * hands a worker its queue's connection, which is the producers' (fail fast, command timeout):
 * this swaps in the connection BullMQ requires of workers, and logs its errors (a Redis that
 * goes away) instead of leaving them to BullMQ's console fallback.
 */
export class QueueWorker extends Worker {
  constructor(name: string, processor: Processor | string | URL | null, opts: WorkerOptions) {
    super(name, processor, {
      ...opts,
      connection: workerConnection(opts.connection),
    });
    this.on('error', (error: Error) => logger.warn(`Worker of ${name}: ${error.message}`));
  }
}
