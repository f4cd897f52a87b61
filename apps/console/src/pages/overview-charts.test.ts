import { describe, expect, it } from 'vitest';
import type { Schemas } from '../api/client';
import { daySeries, fraudOption } from './overview-charts';

const group = (
  key: string,
  codesSent: number,
  codesVerified: number,
): Schemas['StatsGroupDto'] => ({
  key,
  messages: codesSent,
  sent: 0,
  delivered: codesSent,
  undelivered: 0,
  unknown: 0,
  failed: 0,
  segments: codesSent,
  codesSent,
  codesVerified,
  conversionRate: codesSent ? Math.round((codesVerified / codesSent) * 10000) / 10000 : null,
  optOuts: 0,
  deliveryRate: null,
  optOutRate: null,
});

describe('daySeries', () => {
  it('has every day of the window, days without codes at 0 and no conversion', () => {
    const series = daySeries(
      [group('2026-11-28', 8, 6), group('2026-11-30', 3, 1)],
      new Date('2026-11-28T10:00:00Z'),
      new Date('2026-12-01T09:00:00Z'),
    );
    expect(series.days).toEqual(['2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01']);
    expect(series.sent).toEqual([8, 0, 3, 0]);
    expect(series.verified).toEqual([6, 0, 1, 0]);
    expect(series.conversion).toEqual([75, null, 33.3, null]);
  });
});

describe('fraudOption', () => {
  it('shows the keys nearest their budget first, coloured by state', () => {
    const key = (value: string, unverified: number, state: 'ok' | 'blocked') => ({
      value,
      sent: unverified,
      verified: 0,
      conversion: 0,
      unverified,
      budget: 10,
      state,
    });
    const option = fraudOption([key('GB', 2, 'ok'), key('NG', 12, 'blocked')], {
      unverified: 'u',
      budget: 'b',
    }) as { yAxis: { data: string[] }; series: { data: { itemStyle?: { color: string } }[] }[] };
    expect(option.yAxis.data).toEqual(['NG', 'GB']);
    expect(option.series[0].data[0].itemStyle?.color).toBe('#f5222d');
  });
});
