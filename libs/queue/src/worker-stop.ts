import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { WorkerHost } from '@nestjs/bullmq';
import type { Worker } from 'bullmq';
import { AppConfigService } from '@app/config';

/**
 * Stops this process' workers before Redis and PostgreSQL close (Nest runs every
 * beforeApplicationShutdown hook before the onApplicationShutdown ones): no new job is taken,
 * active jobs get WORKER_STOP_TIMEOUT_MS to finish, then the workers close without waiting.
 * A job still running then keeps no lock: BullMQ's stalled-job check (every 30 s) moves it
 * back to wait, for another worker.
 */
@Injectable()
export class WorkerStop implements BeforeApplicationShutdown {
  private readonly logger = new Logger(WorkerStop.name);

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly config: AppConfigService,
  ) {}

  async beforeApplicationShutdown(): Promise<void> {
    const workers = this.workers();
    if (workers.length === 0) return;
    const timeoutMs = this.config.get('WORKER_STOP_TIMEOUT_MS');
    const finished = await settlesWithin(
      Promise.all(workers.map((worker) => worker.pause())),
      timeoutMs,
    );
    if (!finished) {
      this.logger.warn(`Active jobs did not finish within ${timeoutMs} ms: left to other workers`);
    }
    const closed = await settlesWithin(
      Promise.all(workers.map((worker) => worker.close(!finished))),
      CLOSE_WAIT_MS,
    );
    // With Redis away, close() waits for a connection that keeps retrying (BullMQ's worker
    // connection queues commands offline): cut the connections so the process can end.
    if (!closed) await Promise.all(workers.map((worker) => worker.disconnect()));
  }

  private workers(): Worker[] {
    return this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is WorkerHost => instance instanceof WorkerHost)
      .map((host) => host.worker);
  }
}

/** How long closing the workers may take once their jobs are done or given up. */
const CLOSE_WAIT_MS = 2000;

async function settlesWithin(work: Promise<unknown>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([work.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
