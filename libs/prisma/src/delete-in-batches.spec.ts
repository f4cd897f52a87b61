import { deleteInBatches } from './delete-in-batches';

/** A table of `rows` rows whose DELETE ... LIMIT takes what is left, as PostgreSQL would. */
function table(rows: number): { deleteBatch: (limit: number) => Promise<number>; calls: number[] } {
  let left = rows;
  const calls: number[] = [];
  return {
    calls,
    deleteBatch: (limit) => {
      const deleted = Math.min(limit, left);
      left -= deleted;
      calls.push(deleted);
      return Promise.resolve(deleted);
    },
  };
}

describe('deleteInBatches', () => {
  it('deletes in statements of at most the batch size until one deletes fewer', async () => {
    const rows = table(12);
    await expect(deleteInBatches(rows.deleteBatch, 5)).resolves.toBe(12);
    expect(rows.calls).toEqual([5, 5, 2]);
  });

  it('runs one more statement when the rows are a multiple of the batch size', async () => {
    const rows = table(10);
    await expect(deleteInBatches(rows.deleteBatch, 5)).resolves.toBe(10);
    expect(rows.calls).toEqual([5, 5, 0]);
  });

  it('runs one statement when nothing is to be deleted', async () => {
    const rows = table(0);
    await expect(deleteInBatches(rows.deleteBatch, 5)).resolves.toBe(0);
    expect(rows.calls).toEqual([0]);
  });

  it('refuses a batch size that would loop for ever or delete nothing', async () => {
    const rows = table(3);
    await expect(deleteInBatches(rows.deleteBatch, 0)).rejects.toThrow(RangeError);
    await expect(deleteInBatches(rows.deleteBatch, 2.5)).rejects.toThrow(RangeError);
    expect(rows.calls).toEqual([]);
  });
});
