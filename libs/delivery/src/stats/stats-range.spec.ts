import { splitRange, StatsRangeParts } from './stats-range';

const at = (iso: string) => new Date(iso);

/** The parts follow one another: each bound at or after the one before. */
function expectInOrder(p: StatsRangeParts): void {
  const bounds = [
    p.from,
    p.hoursFrom,
    p.daysFrom,
    p.monthsFrom,
    p.monthsTo,
    p.daysTo,
    p.hoursTo,
    p.to,
  ];
  for (let b = 1; b < bounds.length; b++) expect(bounds[b] >= bounds[b - 1]).toBe(true);
}

describe('splitRange', () => {
  it('keeps a range of whole UTC days whole, with nothing for the hourly rollup nor the raw table', () => {
    const from = at('2026-10-01T00:00:00Z');
    const to = at('2026-10-31T00:00:00Z');
    expect(splitRange(from, to)).toEqual({
      from,
      hoursFrom: from,
      daysFrom: from,
      monthsFrom: to,
      monthsTo: to,
      daysTo: to,
      hoursTo: to,
      to,
    });
  });

  it('reads the whole hours of the partial days hourly and only the partial hours raw', () => {
    // The default "last 30 days", asked at 08:30.
    expect(splitRange(at('2026-10-01T08:30:00Z'), at('2026-10-31T08:30:00Z'))).toEqual({
      from: at('2026-10-01T08:30:00Z'),
      hoursFrom: at('2026-10-01T09:00:00Z'),
      daysFrom: at('2026-10-02T00:00:00Z'),
      monthsFrom: at('2026-10-31T00:00:00Z'),
      monthsTo: at('2026-10-31T00:00:00Z'),
      daysTo: at('2026-10-31T00:00:00Z'),
      hoursTo: at('2026-10-31T08:00:00Z'),
      to: at('2026-10-31T08:30:00Z'),
    });
    expect(splitRange(at('2026-10-01T23:59:59.999Z'), at('2026-10-31T17:05:00.123Z'))).toEqual({
      from: at('2026-10-01T23:59:59.999Z'),
      hoursFrom: at('2026-10-02T00:00:00Z'),
      daysFrom: at('2026-10-02T00:00:00Z'),
      monthsFrom: at('2026-10-31T00:00:00Z'),
      monthsTo: at('2026-10-31T00:00:00Z'),
      daysTo: at('2026-10-31T00:00:00Z'),
      hoursTo: at('2026-10-31T17:00:00Z'),
      to: at('2026-10-31T17:05:00.123Z'),
    });
  });

  it('reads whole local days of a whole-hour offset (Asia/Shanghai, +08:00) without a raw row', () => {
    const from = at('2026-10-01T00:00:00+08:00');
    const to = at('2026-10-31T00:00:00+08:00');
    expect(splitRange(from, to)).toEqual({
      from,
      hoursFrom: at('2026-09-30T16:00:00Z'),
      daysFrom: at('2026-10-01T00:00:00Z'),
      monthsFrom: at('2026-10-30T00:00:00Z'),
      monthsTo: at('2026-10-30T00:00:00Z'),
      daysTo: at('2026-10-30T00:00:00Z'),
      hoursTo: at('2026-10-30T16:00:00Z'),
      to,
    });
  });

  it('leaves two partial hours raw for whole local days of a half-hour offset (+05:30)', () => {
    expect(splitRange(at('2026-10-01T00:00:00+05:30'), at('2026-10-02T00:00:00+05:30'))).toEqual({
      from: at('2026-09-30T18:30:00Z'),
      hoursFrom: at('2026-09-30T19:00:00Z'),
      // No whole UTC day inside: all of it hourly but the ends.
      daysFrom: at('2026-10-01T18:00:00Z'),
      monthsFrom: at('2026-10-01T18:00:00Z'),
      monthsTo: at('2026-10-01T18:00:00Z'),
      daysTo: at('2026-10-01T18:00:00Z'),
      hoursTo: at('2026-10-01T18:00:00Z'),
      to: at('2026-10-01T18:30:00Z'),
    });
  });

  it('answers all-hourly for whole hours holding no whole day, even across midnight', () => {
    const from = at('2026-10-01T20:00:00Z');
    const to = at('2026-10-02T10:00:00Z');
    expect(splitRange(from, to)).toEqual({
      from,
      hoursFrom: from,
      daysFrom: to,
      monthsFrom: to,
      monthsTo: to,
      daysTo: to,
      hoursTo: to,
      to,
    });
  });

  it('answers all-raw for a range holding no whole hour, even across an hour', () => {
    for (const [fromIso, toIso] of [
      ['2026-10-01T10:15:00Z', '2026-10-01T11:14:59.999Z'],
      ['2026-10-01T10:00:00Z', '2026-10-01T10:59:59.999Z'],
      ['2026-10-01T23:30:00Z', '2026-10-02T00:30:00Z'],
    ]) {
      const from = at(fromIso);
      const to = at(toIso);
      expect(splitRange(from, to)).toEqual({
        from,
        hoursFrom: to,
        daysFrom: to,
        monthsFrom: to,
        monthsTo: to,
        daysTo: to,
        hoursTo: to,
        to,
      });
    }
  });

  it('reads whole UTC months monthly and the ragged days, hours and minutes around them as before', () => {
    // A year with ragged ends: 2025-12-01 09:42:17.5 to 2026-11-30 09:42:17.5.
    expect(splitRange(at('2025-12-01T09:42:17.500Z'), at('2026-11-30T09:42:17.500Z'))).toEqual({
      from: at('2025-12-01T09:42:17.500Z'),
      hoursFrom: at('2025-12-01T10:00:00Z'),
      daysFrom: at('2025-12-02T00:00:00Z'),
      monthsFrom: at('2026-01-01T00:00:00Z'),
      monthsTo: at('2026-11-01T00:00:00Z'),
      daysTo: at('2026-11-30T00:00:00Z'),
      hoursTo: at('2026-11-30T09:00:00Z'),
      to: at('2026-11-30T09:42:17.500Z'),
    });
    // Across a year's end and a leap February, from the first instant of a month.
    expect(splitRange(at('2027-12-01T00:00:00Z'), at('2028-03-15T12:30:00Z'))).toEqual({
      from: at('2027-12-01T00:00:00Z'),
      hoursFrom: at('2027-12-01T00:00:00Z'),
      daysFrom: at('2027-12-01T00:00:00Z'),
      monthsFrom: at('2027-12-01T00:00:00Z'),
      monthsTo: at('2028-03-01T00:00:00Z'),
      daysTo: at('2028-03-15T00:00:00Z'),
      hoursTo: at('2028-03-15T12:00:00Z'),
      to: at('2028-03-15T12:30:00Z'),
    });
  });

  it('keeps a range of whole UTC months whole, with nothing daily, hourly nor raw', () => {
    const from = at('2026-02-01T00:00:00Z');
    const to = at('2026-03-01T00:00:00Z');
    expect(splitRange(from, to)).toEqual({
      from,
      hoursFrom: from,
      daysFrom: from,
      monthsFrom: from,
      monthsTo: to,
      daysTo: to,
      hoursTo: to,
      to,
    });
  });

  it('answers all-daily for whole days holding no whole month, even across a month', () => {
    // The 31 days of October but its first one: no whole month, though longer than February.
    const from = at('2026-10-02T00:00:00Z');
    const to = at('2026-11-02T00:00:00Z');
    expect(splitRange(from, to)).toEqual({
      from,
      hoursFrom: from,
      daysFrom: from,
      monthsFrom: to,
      monthsTo: to,
      daysTo: to,
      hoursTo: to,
      to,
    });
  });

  it('reads whole months by day when asked not to use months (the day grouping)', () => {
    const from = at('2025-12-01T09:42:17.500Z');
    const to = at('2026-11-30T09:42:17.500Z');
    expect(splitRange(from, to, { months: false })).toEqual({
      ...splitRange(from, to),
      monthsFrom: at('2026-11-30T00:00:00Z'),
      monthsTo: at('2026-11-30T00:00:00Z'),
    });
  });

  it('cuts months on UTC months whatever the process time zone', () => {
    // A range of whole Asia/Shanghai months starts at 16:00 UTC the day before: its first
    // UTC month is the next one.
    const parts = splitRange(at('2026-01-01T00:00:00+08:00'), at('2026-04-01T00:00:00+08:00'));
    expect(parts).toMatchObject({
      daysFrom: at('2026-01-01T00:00:00Z'),
      monthsFrom: at('2026-01-01T00:00:00Z'),
      monthsTo: at('2026-03-01T00:00:00Z'),
      daysTo: at('2026-03-31T00:00:00Z'),
    });
  });

  it('covers every long range exactly once: months on the month, days under a month around them', () => {
    const start = at('2025-11-03T05:00:00Z').getTime();
    const step = 26 * 3_600_000 + 7 * 60_000 + 13_001; // odd: bounds land at every kind of place
    for (let i = 0; i < 400; i++) {
      const from = new Date(start + i * step);
      const to = new Date(from.getTime() + i * step * 3 + 1);
      for (const months of [true, false]) {
        const p = splitRange(from, to, { months });
        expectInOrder(p);
        expect([p.from, p.to]).toEqual([from, to]);
        if (!months || p.monthsFrom.getTime() === p.monthsTo.getTime()) {
          // No months read: the empty part sits at daysTo, so the daily part is [daysFrom, daysTo).
          expect(p.monthsFrom).toEqual(p.daysTo);
          continue;
        }
        const isMonthStart = (d: Date) =>
          d.getTime() === Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
        expect(isMonthStart(p.monthsFrom) && isMonthStart(p.monthsTo)).toBe(true);
        // Under a month of days on each side: the day before monthsFrom is in the previous month.
        const monthBefore = new Date(p.monthsFrom.getTime() - 1);
        expect(p.daysFrom.getTime()).toBeGreaterThan(
          Date.UTC(monthBefore.getUTCFullYear(), monthBefore.getUTCMonth(), 1),
        );
        expect(p.daysTo.getTime()).toBeLessThan(
          Date.UTC(p.monthsTo.getUTCFullYear(), p.monthsTo.getUTCMonth() + 1, 1),
        );
      }
    }
  });

  it('covers every range exactly once: the parts are in order and their lengths add up', () => {
    const start = at('2026-10-01T00:00:00Z').getTime();
    const step = 7 * 60 * 1000 + 13_001; // odd, so that the bounds land at every kind of place
    for (let i = 0; i < 400; i++) {
      const from = new Date(start + i * step * 3);
      const to = new Date(from.getTime() + i * step * 11 + 1);
      const p = splitRange(from, to);
      expectInOrder(p);
      if (p.hoursFrom.getTime() === p.to.getTime()) {
        // All raw: no whole hour inside, so under two hours.
        expect(p.to.getTime() - p.from.getTime()).toBeLessThan(2 * 3_600_000);
        continue;
      }
      // Raw parts are under an hour; hourly parts under a day and on the hour; days on the day.
      expect(p.hoursFrom.getTime() - p.from.getTime()).toBeLessThan(3_600_000);
      expect(p.to.getTime() - p.hoursTo.getTime()).toBeLessThan(3_600_000);
      expect(p.hoursFrom.getTime() % 3_600_000).toBe(0);
      expect(p.hoursTo.getTime() % 3_600_000).toBe(0);
      if (p.daysFrom < p.daysTo) {
        expect(p.daysFrom.getTime() % 86_400_000).toBe(0);
        expect(p.daysTo.getTime() % 86_400_000).toBe(0);
        expect(p.daysFrom.getTime() - p.hoursFrom.getTime()).toBeLessThan(86_400_000);
        expect(p.hoursTo.getTime() - p.daysTo.getTime()).toBeLessThan(86_400_000);
      }
    }
  });
});
