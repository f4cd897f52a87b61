/** Rows per INSERT. */
const MAX_BATCH = 500;
/** Rows held while PostgreSQL is slow or away; beyond this a row is dropped (and reported). */
const MAX_QUEUED = 50_000;
const MAX_ATTEMPTS = 3;
const RETRY_DELAY_MS = 1000;

export interface BatchWriterOptions<T> {
  /** Writes one batch (one statement). */
  insert(rows: T[]): Promise<void>;
  /** Told of rows dropped for good (a full queue, or every try failed). */
  onLoss(count: number, reason: string): void;
}

interface Queued<T> {
  row: T;
  attempts: number;
}

/**
 * Group commit: rows are queued and written as soon as the previous write is done, every row
 * queued meanwhile in one batch. At low load a row is written a moment after it is queued; under
 * load hundreds share one statement. A failed write is retried (3 tries, 1 s apart).
 */
export class BatchWriter<T> {
  private queue: Array<Queued<T>> = [];
  private writing = false;
  private scheduled = false;
  /** Rows ever queued, and ever written or given up on: `flushed()` compares the two. */
  private queued = 0;
  private settled = 0;
  private waiters: Array<{ upTo: number; resolve: () => void }> = [];

  constructor(private readonly options: BatchWriterOptions<T>) {}

  get pending(): number {
    return this.queue.length;
  }

  write(row: T): void {
    if (this.queue.length >= MAX_QUEUED) {
      this.options.onLoss(1, `queue full (${MAX_QUEUED})`);
      return;
    }
    this.queue.push({ row, attempts: 0 });
    this.queued++;
    this.schedule(0);
  }

  /** Resolves once every row queued before the call is written (or given up on). */
  flushed(): Promise<void> {
    const upTo = this.queued;
    if (this.settled >= upTo) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ upTo, resolve }));
  }

  private schedule(delayMs: number): void {
    if (this.scheduled || this.writing) return;
    this.scheduled = true;
    const run = (): void => {
      this.scheduled = false;
      this.writing = true;
      void this.drain().then((retryInMs) => {
        this.writing = false;
        if (this.queue.length > 0) this.schedule(retryInMs);
      });
    };
    // setImmediate: the rows of every response finished in this turn of the event loop go
    // into the same statement.
    if (delayMs > 0) setTimeout(run, delayMs).unref();
    else setImmediate(run);
  }

  /** Writes until the queue is empty; after a failure, resolves with when to try again. */
  private async drain(): Promise<number> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      try {
        await this.options.insert(batch.map((item) => item.row));
        this.settle(batch.length);
      } catch (error) {
        if (batch.length > 1) {
          const retryInMs = await this.writeOneByOne(batch);
          if (retryInMs > 0) return retryInMs;
        } else if (this.keepForRetry(batch[0], error)) {
          this.queue.unshift(batch[0]);
          return RETRY_DELAY_MS;
        }
      }
    }
    return 0;
  }

  /**
   * After a batch fails, its rows are written alone, in order, so that one row the database
   * refuses costs only itself. The first that fails alone is tried again later with the rest.
   */
  private async writeOneByOne(batch: Array<Queued<T>>): Promise<number> {
    for (let index = 0; index < batch.length; index++) {
      const item = batch[index];
      try {
        await this.options.insert([item.row]);
        this.settle(1);
      } catch (error) {
        if (this.keepForRetry(item, error)) {
          this.queue.unshift(item, ...batch.slice(index + 1));
          return RETRY_DELAY_MS;
        }
      }
    }
    return 0;
  }

  /** Counts a failed try: true while the row has tries left, else it is given up and reported. */
  private keepForRetry(item: Queued<T>, error: unknown): boolean {
    if (++item.attempts < MAX_ATTEMPTS) return true;
    const reason = error instanceof Error ? error.message : String(error);
    this.options.onLoss(1, `${MAX_ATTEMPTS} tries failed: ${reason}`);
    this.settle(1);
    return false;
  }

  private settle(count: number): void {
    this.settled += count;
    const ready = this.waiters.filter((waiter) => waiter.upTo <= this.settled);
    if (ready.length === 0) return;
    this.waiters = this.waiters.filter((waiter) => waiter.upTo > this.settled);
    for (const waiter of ready) waiter.resolve();
  }
}
