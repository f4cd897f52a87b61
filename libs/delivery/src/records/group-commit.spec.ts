import { GroupCommit } from './group-commit';

describe('GroupCommit', () => {
  it('writes the rows of one turn of the event loop in one statement', async () => {
    const statements: number[][] = [];
    const writer = new GroupCommit<number>((rows) => {
      statements.push(rows);
      return Promise.resolve();
    });
    await Promise.all([1, 2, 3].map((row) => writer.write(row)));
    expect(statements).toEqual([[1, 2, 3]]);
  });

  it('writes the rows that came during a write in the next statement', async () => {
    const statements: number[][] = [];
    let release!: () => void;
    const firstWrite = new Promise<void>((resolve) => (release = resolve));
    const writer = new GroupCommit<number>(async (rows) => {
      statements.push(rows);
      if (statements.length === 1) await firstWrite;
    });
    const first = writer.write(1);
    await new Promise((resolve) => setImmediate(resolve));
    const later = [writer.write(2), writer.write(3)];
    release();
    await Promise.all([first, ...later]);
    expect(statements).toEqual([[1], [2, 3]]);
  });

  it('refuses only the row the database refuses, after the batch failed', async () => {
    const writer = new GroupCommit<number>((rows) =>
      rows.includes(2)
        ? Promise.reject(new Error(`row 2 refused (${rows.length} rows)`))
        : Promise.resolve(),
    );
    const results = await Promise.allSettled([1, 2, 3].map((row) => writer.write(row)));
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toEqual(
      new Error('row 2 refused (1 rows)'),
    );
  });

  it('answers a failed write to every row when the database is away, and writes again later', async () => {
    let up = false;
    const written: number[] = [];
    const writer = new GroupCommit<number>((rows) => {
      if (!up) return Promise.reject(new Error('connection refused'));
      written.push(...rows);
      return Promise.resolve();
    });
    await expect(writer.write(1)).rejects.toThrow('connection refused');
    up = true;
    await writer.write(1);
    expect(written).toEqual([1]);
  });
});
