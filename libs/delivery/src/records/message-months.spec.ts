import { monthPartitionEnd, monthPartitionsBefore, monthStart } from './message-months';

describe('message months', () => {
  it('starts months in UTC, across a year end', () => {
    const at = new Date('2026-12-31T23:30:00-05:00'); // already January in UTC
    expect(monthStart(at).toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(monthStart(new Date('2026-12-15T00:00:00Z'), 1).toISOString()).toBe(
      '2027-01-01T00:00:00.000Z',
    );
    expect(monthStart(new Date('2026-01-31T12:00:00Z'), -2).toISOString()).toBe(
      '2025-11-01T00:00:00.000Z',
    );
  });

  it('reads the end of a month partition from its name and ignores other tables', () => {
    expect(monthPartitionEnd('sms_messages_2026_12')?.toISOString()).toBe(
      '2027-01-01T00:00:00.000Z',
    );
    expect(monthPartitionEnd('sms_messages_2026_02')?.toISOString()).toBe(
      '2026-03-01T00:00:00.000Z',
    );
    expect(monthPartitionEnd('sms_messages_default')).toBeUndefined();
    expect(monthPartitionEnd('sms_messages_2026_13')).toBeUndefined();
    expect(monthPartitionEnd('sms_messages_2026_12_old')).toBeUndefined();
  });

  it('picks the months whose whole range is older than the cutoff, with their ranges', () => {
    const names = ['sms_messages_2026_05', 'sms_messages_2026_06', 'sms_messages_default'];
    const may = {
      name: 'sms_messages_2026_05',
      from: new Date('2026-05-01T00:00:00Z'),
      to: new Date('2026-06-01T00:00:00Z'),
    };
    const june = {
      name: 'sms_messages_2026_06',
      from: new Date('2026-06-01T00:00:00Z'),
      to: new Date('2026-07-01T00:00:00Z'),
    };
    // June ends on July 1st: kept while the cutoff is inside July's first instant or before.
    expect(monthPartitionsBefore(names, new Date('2026-06-30T23:59:59Z'))).toEqual([may]);
    expect(monthPartitionsBefore(names, new Date('2026-07-01T00:00:00Z'))).toEqual([may, june]);
    expect(monthPartitionsBefore(names, new Date('2026-05-31T00:00:00Z'))).toEqual([]);
  });
});
