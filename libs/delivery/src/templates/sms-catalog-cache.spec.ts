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

describe('SmsCatalogCache while PostgreSQL is down', () => {
  afterEach(() => jest.useRealTimers());

  it('answers the last answer read when a read fails, and reads again after another TTL', async () => {
    jest.useFakeTimers({ now: 0 });
    const cache = new SmsCatalogCache();
    await cache.get('k', () => Promise.resolve('approved'));
    jest.setSystemTime(CATALOG_CACHE_TTL_MS + 1);
    const down = jest.fn(() => Promise.reject(new Error('down')));

    expect(await cache.get('k', down)).toBe('approved');
    expect(await cache.get('k', down)).toBe('approved');
    expect(down).toHaveBeenCalledTimes(1);

    jest.setSystemTime(2 * CATALOG_CACHE_TTL_MS + 2);
    expect(await cache.get('k', down)).toBe('approved');
    expect(down).toHaveBeenCalledTimes(2);
    jest.setSystemTime(3 * CATALOG_CACHE_TTL_MS + 3);
    expect(await cache.get('k', () => Promise.resolve('changed'))).toBe('changed');
  });

  it('keeps the newest answer read, not the first', async () => {
    jest.useFakeTimers({ now: 0 });
    const cache = new SmsCatalogCache();
    await cache.get('k', () => Promise.resolve('first'));
    jest.setSystemTime(CATALOG_CACHE_TTL_MS + 1);
    await cache.get('k', () => Promise.resolve('second'));
    jest.setSystemTime(2 * CATALOG_CACHE_TTL_MS + 2);
    expect(await cache.get('k', () => Promise.reject(new Error('down')))).toBe('second');
  });

  it('fails a key never read, and one this instance changed since', async () => {
    const cache = new SmsCatalogCache();
    const down = () => Promise.reject(new Error('down'));
    await expect(cache.get('never', down)).rejects.toThrow('down');
    await cache.get('k', () => Promise.resolve('before the change'));
    cache.changed();
    await expect(cache.get('k', down)).rejects.toThrow('down');
  });
});
