import { splitRange } from './stats-range';

const at = (iso: string) => new Date(iso);

describe('splitRange', () => {
  it('keeps a range of whole UTC days whole, with nothing for the hourly rollup nor the raw table', () => {
    const from = at('2026-10-01T00:00:00Z');
    const to = at('2026-10-31T00:00:00Z');
    expect(splitRange(from, to)).toEqual({
      from,
      hoursFrom: from,
      daysFrom: from,
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
      daysTo: at('2026-10-31T00:00:00Z'),
      hoursTo: at('2026-10-31T08:00:00Z'),
      to: at('2026-10-31T08:30:00Z'),
    });
    expect(splitRange(at('2026-10-01T23:59:59.999Z'), at('2026-10-31T17:05:00.123Z'))).toEqual({
      from: at('2026-10-01T23:59:59.999Z'),
      hoursFrom: at('2026-10-02T00:00:00Z'),
      daysFrom: at('2026-10-02T00:00:00Z'),
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
        daysTo: to,
        hoursTo: to,
        to,
      });
    }
  });

  it('covers every range exactly once: the parts are in order and their lengths add up', () => {
    const start = at('2026-10-01T00:00:00Z').getTime();
    const step = 7 * 60 * 1000 + 13_001; // odd, so that the bounds land at every kind of place
    for (let i = 0; i < 400; i++) {
      const from = new Date(start + i * step * 3);
      const to = new Date(from.getTime() + i * step * 11 + 1);
      const p = splitRange(from, to);
      const bounds = [p.from, p.hoursFrom, p.daysFrom, p.daysTo, p.hoursTo, p.to];
      for (let b = 1; b < bounds.length; b++) expect(bounds[b] >= bounds[b - 1]).toBe(true);
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
