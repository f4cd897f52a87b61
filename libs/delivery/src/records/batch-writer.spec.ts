import { BatchWriter } from './batch-writer';

/** Records each INSERT; can be told to fail or to hang. */
class FakeTable {
  readonly inserts: number[][] = [];
  failures = 0;
  /** A row the database refuses every time (a bad value, say). */
  poisoned?: number;
  losses: Array<[number, string]> = [];
  private gate?: Promise<void>;
  private openGate?: () => void;

  hold(): void {
    this.gate = new Promise((resolve) => (this.openGate = resolve));
  }

  release(): void {
    this.openGate?.();
    this.gate = undefined;
  }

  writer(): BatchWriter<number> {
    return new BatchWriter<number>({
      insert: async (rows) => {
        await this.gate;
        if (this.failures > 0) {
          this.failures--;
          throw new Error('database unavailable');
        }
        if (this.poisoned !== undefined && rows.includes(this.poisoned)) {
          throw new Error('invalid row');
        }
        this.inserts.push(rows);
      },
      onLoss: (count, reason) => this.losses.push([count, reason]),
    });
  }

  get rows(): number[] {
    return this.inserts.flat();
  }
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('BatchWriter', () => {
  let table: FakeTable;
  let writer: BatchWriter<number>;

  beforeEach(() => {
    table = new FakeTable();
    writer = table.writer();
  });

  afterEach(() => jest.useRealTimers());

  it('writes the rows of one turn of the event loop in one INSERT, in order', async () => {
    for (let n = 0; n < 5; n++) writer.write(n);
    await writer.flushed();
    expect(table.inserts).toEqual([[0, 1, 2, 3, 4]]);
  });

  it('groups what arrives while a write is running into the next INSERT', async () => {
    table.hold();
    writer.write(0);
    await nextTurn();
    for (let n = 1; n <= 3; n++) writer.write(n);
    table.release();
    await writer.flushed();
    expect(table.inserts).toEqual([[0], [1, 2, 3]]);
  });

  it('flushed() waits for the rows queued before it, not for later ones', async () => {
    writer.write(0);
    await writer.flushed();
    expect(table.rows).toEqual([0]);
    table.hold();
    writer.write(1);
    let laterFlushed = false;
    void writer.flushed().then(() => (laterFlushed = true));
    await nextTurn();
    expect(laterFlushed).toBe(false);
    table.release();
    await writer.flushed();
    expect(laterFlushed).toBe(true);
  });

  it('retries a failed write, keeping the rows and their order', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick'] });
    table.failures = 2;
    writer.write(0);
    writer.write(1);
    const done = writer.flushed();
    for (let i = 0; i < 2; i++) {
      await nextTurn();
      await jest.advanceTimersByTimeAsync(1000);
    }
    await done;
    expect(table.rows).toEqual([0, 1]);
    expect(table.losses).toEqual([]);
  });

  it('gives a row up after three failed writes, and reports it', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick'] });
    table.failures = 3;
    writer.write(0);
    const done = writer.flushed();
    for (let i = 0; i < 3; i++) {
      await nextTurn();
      await jest.advanceTimersByTimeAsync(1000);
    }
    await done;
    expect(table.rows).toEqual([]);
    expect(table.losses).toEqual([[1, '3 tries failed: database unavailable']]);
  });

  it('loses only the row the database refuses, not the rest of its batch', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick'] });
    table.poisoned = 2;
    for (let n = 0; n < 5; n++) writer.write(n);
    const done = writer.flushed();
    for (let i = 0; i < 3; i++) {
      await nextTurn();
      await jest.advanceTimersByTimeAsync(1000);
    }
    await done;
    expect(table.rows).toEqual([0, 1, 3, 4]);
    expect(table.losses).toEqual([[1, '3 tries failed: invalid row']]);
  });
});
