import { within } from './within';

describe('within', () => {
  it('answers what the work answers in time', async () => {
    await expect(within(Promise.resolve(7), 1000)).resolves.toBe(7);
  });

  it('answers undefined for work that fails or does not answer in time', async () => {
    await expect(within(Promise.reject(new Error('down')), 1000)).resolves.toBeUndefined();
    const hung = new Promise<number>(() => undefined);
    const started = Date.now();
    await expect(within(hung, 50)).resolves.toBeUndefined();
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
