import { seedBuckets } from './fraud-seed';

const HOUR = 3_600_000;
const now = Date.UTC(2030, 0, 20, 12, 30);
const hour = Math.floor(now / HOUR);
const record = (
  hoursAgo: number,
  verified: boolean,
  phone = '+8613812345678',
  purpose = 'login',
) => ({
  phone,
  purpose,
  region: 'CN',
  clientIp: '203.0.113.9',
  createdAt: new Date(now - hoursAgo * HOUR),
  verifiedAt: verified ? new Date(now - hoursAgo * HOUR + 30_000) : null,
});

describe('seedBuckets', () => {
  it('rebuilds what the live path counts: the last 24 hours by hour, 14 days of verified by day', () => {
    const buckets = seedBuckets(
      [
        record(0, true),
        record(0, false, '+8613812349999'),
        record(0, true, '+8613812340000'),
        record(30, true),
      ],
      now,
    );
    const prefix = buckets.get('prefix\u0000+861381234')!;
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

  it('gives back the resends a verified code carried, as the reserve script does', () => {
    // A user asked three times (two codes never entered), then verified the third.
    const buckets = seedBuckets([record(0.2, false), record(0.1, false), record(0, true)], now);
    const prefix = buckets.get('prefix\u0000+861381234')!;
    expect(prefix.add.get(`s${hour}`)).toBe(3);
    expect(prefix.add.get(`g${hour}`)).toBe(3);
    expect(prefix.add.get(`v${hour}`)).toBe(1);
  });

  it('carries nothing across purposes, past 24 hours, or over a verified code', () => {
    const prefix = seedBuckets(
      [
        record(25, false, '+8613812340001'), // sent over 24 hours before the next of its purpose
        record(0.5, false, '+8613812340001', 'signup'), // another purpose: its own code
        record(0.4, false, '+8613812340002'),
        record(0.3, true, '+8613812340002'), // verified: carries the one before
        record(0, true, '+8613812340002'), // after a verified code: carries nothing
        record(0, true, '+8613812340001'),
      ],
      now,
    ).get('prefix\u0000+861381234')!;
    expect(prefix.add.get(`s${hour}`)).toBe(5);
    // 2 for the carrying verify, 1 and 1 for the two that carried nothing.
    expect(prefix.add.get(`g${hour}`)).toBe(4);
  });

  it('carries at most 5 earlier codes', () => {
    const asks = Array.from({ length: 8 }, (_, i) => record(0.01 * (8 - i), false));
    const prefix = seedBuckets([...asks, record(0, true)], now).get('prefix\u0000+861381234')!;
    expect(prefix.add.get(`s${hour}`)).toBe(9);
    expect(prefix.add.get(`g${hour}`)).toBe(6);
  });
});
