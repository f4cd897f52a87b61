import { MARKETING_WINDOW, msUntilOpen } from './send-window';

describe('msUntilOpen', () => {
  it('is 0 inside the window and counts to the next opening outside it (Beijing time)', () => {
    // 10:00 in Beijing is 02:00 UTC.
    expect(msUntilOpen(MARKETING_WINDOW, new Date('2027-02-05T02:00:00Z'))).toBe(0);
    // 22:00 Beijing: closed until 08:00 next day, 10 hours.
    expect(msUntilOpen(MARKETING_WINDOW, new Date('2027-02-05T14:00:00Z'))).toBe(10 * 3600_000);
    // 07:59:30 Beijing: 30 s to go.
    expect(msUntilOpen(MARKETING_WINDOW, new Date('2027-02-04T23:59:30Z'))).toBe(30_000);
    // 21:59:59 Beijing is still open.
    expect(msUntilOpen(MARKETING_WINDOW, new Date('2027-02-05T13:59:59Z'))).toBe(0);
  });

  it('handles a window over midnight', () => {
    const night = { start: '22:00', end: '06:00', timeZone: 'UTC' };
    expect(msUntilOpen(night, new Date('2027-02-05T23:00:00Z'))).toBe(0);
    expect(msUntilOpen(night, new Date('2027-02-05T05:00:00Z'))).toBe(0);
    expect(msUntilOpen(night, new Date('2027-02-05T06:00:00Z'))).toBe(16 * 3600_000);
  });
});
