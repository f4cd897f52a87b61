import { Injectable } from '@nestjs/common';

/** How long a read waits for the records before it; then it reads what there is. */
const WAIT_LIMIT_MS = 5000;
const POLL_MS = 25;

/**
 * The record jobs this process queued and has not seen written, so that a read that must see
 * the sends answered before it (the admin list, statistics, receipts, verified marks) waits
 * for them. A record written by this process's own worker settles at once; one a worker
 * elsewhere writes is polled for in the queue. The wait is bounded: reads never hang on a
 * slow database or a stopped worker.
 */
@Injectable()
export class RecordsInFlight {
  /** Job id → when it was queued; in that order, so the oldest come first. */
  private readonly pending = new Map<string, number>();

  track(jobId: string, now = Date.now()): void {
    this.pending.set(jobId, now);
    // A record no read waited for is forgotten once no read would wait for it any more (a
    // worker elsewhere writes it and never tells this process).
    for (const [oldest, at] of this.pending) {
      if (now - at <= WAIT_LIMIT_MS) break;
      this.pending.delete(oldest);
    }
  }

  settle(jobId: string): void {
    this.pending.delete(jobId);
  }

  get size(): number {
    return this.pending.size;
  }

  async settled(isDone: (jobId: string) => Promise<boolean>): Promise<void> {
    const waiting = [...this.pending.keys()];
    const deadline = Date.now() + WAIT_LIMIT_MS;
    while (Date.now() < deadline) {
      const open = waiting.filter((jobId) => this.pending.has(jobId));
      if (open.length === 0) return;
      await sleep(POLL_MS);
      for (const jobId of open) {
        if (this.pending.has(jobId) && (await isDone(jobId).catch(() => false))) this.settle(jobId);
      }
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
