import { secondsUntilNextUtcDay, utcDayKey } from './daily-window';

describe('daily window', () => {
  it('keys counters by UTC calendar day', () => {
    expect(utcDayKey(Date.parse('2026-11-21T23:59:59.999Z'))).toBe('20261121');
    expect(utcDayKey(Date.parse('2026-11-22T00:00:00.000Z'))).toBe('20261122');
  });

  it('answers each instant with its own day, in any order', () => {
    const instants = [
      '2026-11-22T00:00:00.000Z',
      '2026-11-22T12:00:00.000Z',
      '2026-11-21T23:59:59.999Z',
      '2026-11-22T23:59:59.999Z',
      '2026-11-23T00:00:00.000Z',
      '1970-01-01T00:00:00.000Z',
      '2026-11-21T00:00:00.001Z',
    ];
    expect(instants.map((instant) => utcDayKey(Date.parse(instant)))).toEqual([
      '20261122',
      '20261122',
      '20261121',
      '20261122',
      '20261123',
      '19700101',
      '20261121',
    ]);
  });

  it('tells the seconds until the counters restart', () => {
    expect(secondsUntilNextUtcDay(Date.parse('2026-11-21T23:59:00Z'))).toBe(60);
    expect(secondsUntilNextUtcDay(Date.parse('2026-11-21T00:00:00Z'))).toBe(86400);
    expect(secondsUntilNextUtcDay(Date.parse('2026-11-21T23:59:59.900Z'))).toBe(1);
  });
});
