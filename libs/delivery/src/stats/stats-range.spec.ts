import { splitIntoWholeDays } from './stats-range';

const at = (iso: string) => new Date(iso);

describe('splitIntoWholeDays', () => {
  it('keeps a range of whole UTC days whole, with nothing left for the raw table', () => {
    expect(splitIntoWholeDays(at('2026-10-01T00:00:00Z'), at('2026-10-31T00:00:00Z'))).toEqual({
      from: at('2026-10-01T00:00:00Z'),
      daysFrom: at('2026-10-01T00:00:00Z'),
      daysTo: at('2026-10-31T00:00:00Z'),
      to: at('2026-10-31T00:00:00Z'),
    });
  });

  it('leaves the partial days at both ends to the raw table', () => {
    expect(splitIntoWholeDays(at('2026-10-01T08:30:00Z'), at('2026-10-31T17:05:00.123Z'))).toEqual({
      from: at('2026-10-01T08:30:00Z'),
      daysFrom: at('2026-10-02T00:00:00Z'),
      daysTo: at('2026-10-31T00:00:00Z'),
      to: at('2026-10-31T17:05:00.123Z'),
    });
  });

  it('answers all-raw for a range holding no whole day, even across midnight', () => {
    const from = at('2026-10-01T20:00:00Z');
    const to = at('2026-10-02T10:00:00Z');
    expect(splitIntoWholeDays(from, to)).toEqual({ from, daysFrom: to, daysTo: to, to });
    const short = at('2026-10-01T00:00:00Z');
    const end = at('2026-10-01T23:59:59.999Z');
    expect(splitIntoWholeDays(short, end)).toEqual({
      from: short,
      daysFrom: end,
      daysTo: end,
      to: end,
    });
  });
});
