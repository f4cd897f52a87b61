import { CATALOG_CACHE_TTL_MS, SmsCatalogCache } from './sms-catalog-cache';

describe('SmsCatalogCache', () => {
  afterEach(() => jest.useRealTimers());

  it('reads the catalogue once for concurrent and later callers within the TTL', async () => {
    const cache = new SmsCatalogCache();
    const load = jest.fn(() => Promise.resolve(['approved']));
    const answers = await Promise.all([cache.get('k', load), cache.get('k', load)]);
    expect(await cache.get('k', load)).toEqual(['approved']);
    expect(answers).toEqual([['approved'], ['approved']]);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('reads again once the TTL is over', async () => {
    jest.useFakeTimers({ now: 0 });
    const cache = new SmsCatalogCache();
    const load = jest.fn(() => Promise.resolve(1));
    await cache.get('k', load);
    jest.setSystemTime(CATALOG_CACHE_TTL_MS + 1);
    await cache.get('k', load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('forgets everything when this instance changes the catalogue, reads in flight included', async () => {
    const cache = new SmsCatalogCache();
    let finish!: (value: string) => void;
    const inFlight = cache.get('k', () => new Promise<string>((resolve) => (finish = resolve)));
    cache.changed();
    finish('before the change');
    await inFlight;
    expect(await cache.get('k', () => Promise.resolve('after the change'))).toBe(
      'after the change',
    );
  });

  it('does not keep a failed read', async () => {
    const cache = new SmsCatalogCache();
    await expect(cache.get('k', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('k', () => Promise.resolve('up'))).toBe('up');
  });
});
