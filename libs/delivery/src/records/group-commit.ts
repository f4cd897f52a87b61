/** Rows per statement. */
const MAX_BATCH = 500;

interface Pending<T> {
  row: T;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Group commit with an answer per row: rows are written as soon as the previous write is
 * done, every row that came meanwhile in one statement, and each `write` settles when its row
 * is written or refused. The queue jobs that carry the rows complete only then, so a row is
 * never lost: a failed write fails its job, which the queue retries. After a batch fails, its
 * rows are written alone, so one row the database refuses costs only itself.
 */
export class GroupCommit<T> {
  private queue: Array<Pending<T>> = [];
  private writing = false;

  constructor(private readonly insert: (rows: T[]) => Promise<void>) {}

  write(row: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ row, resolve, reject });
      if (!this.writing) {
        this.writing = true;
        // setImmediate: the rows of every job finished in this turn of the event loop go into
        // the same statement.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      try {
        await this.insert(batch.map((item) => item.row));
        for (const item of batch) item.resolve();
      } catch (error) {
        if (batch.length === 1) batch[0].reject(error);
        else await this.writeOneByOne(batch);
      }
    }
    this.writing = false;
  }

  private async writeOneByOne(batch: Array<Pending<T>>): Promise<void> {
    for (const item of batch) {
      try {
        await this.insert([item.row]);
        item.resolve();
      } catch (error) {
        item.reject(error);
      }
    }
  }
}
