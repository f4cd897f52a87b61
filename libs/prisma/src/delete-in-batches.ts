/** Rows one DELETE statement removes at most: each statement's locks stay short. */
export const DELETE_BATCH_SIZE = 5000;

/**
 * Deletes by repeated statements of at most `batchSize` rows (`deleteBatch` answers how many
 * it deleted) until one deletes fewer: a large purge never holds its row locks, or a
 * transaction, for long, and other writers interleave between statements. Answers the total.
 */
export async function deleteInBatches(
  deleteBatch: (limit: number) => Promise<number>,
  batchSize = DELETE_BATCH_SIZE,
): Promise<number> {
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  }
  let total = 0;
  for (;;) {
    const deleted = await deleteBatch(batchSize);
    total += deleted;
    if (deleted < batchSize) return total;
  }
}
