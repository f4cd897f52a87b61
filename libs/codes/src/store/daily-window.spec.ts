import { secondsUntilNextUtcDay, utcDayKey } from './daily-window';

describe('daily window', () => {
  it('keys counters by UTC calendar day', () => {
    expect(utcDayKey(Date.parse('2026-11-21T23:59:59.999Z'))).toBe('20261121');
    expect(utcDayKey(Date.parse('2026-11-22T00:00:00.000Z'))).toBe('20261122');
  });

  it('tells the seconds until the counters restart', () => {
    expect(secondsUntilNextUtcDay(Date.parse('2026-11-21T23:59:00Z'))).toBe(60);
    expect(secondsUntilNextUtcDay(Date.parse('2026-11-21T00:00:00Z'))).toBe(86400);
    expect(secondsUntilNextUtcDay(Date.parse('2026-11-21T23:59:59.900Z'))).toBe(1);
  });
});
