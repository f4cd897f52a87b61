import { seedBuckets } from './fraud-seed';

const HOUR = 3_600_000;
const now = Date.UTC(2030, 0, 20, 12, 30);
const record = (hoursAgo: number, verified: boolean, phone = '+8613812345678') => ({
  phone,
  region: 'CN',
  clientIp: '203.0.113.9',
  createdAt: new Date(now - hoursAgo * HOUR),
  verifiedAt: verified ? new Date(now - hoursAgo * HOUR + 30_000) : null,
});

describe('seedBuckets', () => {
  it('rebuilds what the live path counts: the last 24 hours by hour, 14 days of verified by day', () => {
    const buckets = seedBuckets(
      [record(0, true), record(0, false), record(0, true, '+8613812340000'), record(30, true)],
      now,
    );
    const prefix = buckets.get('prefix\u0000+861381234')!;
    const hour = Math.floor(now / HOUR);
    const day = Math.floor(now / (24 * HOUR));
    expect(Object.fromEntries(prefix.add)).toEqual({
      [`s${hour}`]: 3,
      [`g${hour}`]: 2,
      [`v${hour}`]: 2,
      [`d${day}`]: 2,
      [`d${Math.floor((now - 30 * HOUR) / (24 * HOUR))}`]: 1,
    });
    expect(prefix.max.get(`m${day}`)).toBe(2);
    expect(buckets.get('country\u0000CN')!.add.get(`s${hour}`)).toBe(3);
    expect(buckets.get('network\u0000203.0.113.0/24')).toBeDefined();
  });
});
