import { describe, expect, it } from 'vitest';
import type { Schemas } from '../api/client';
import { campaignActions, campaignPercent } from './campaign-progress';

const campaign = (
  status: Schemas['CampaignDto']['status'],
  accepted: number,
  progress?: Partial<Schemas['CampaignProgressDto']>,
): Schemas['CampaignDto'] => ({
  id: 'c1',
  name: 'sale',
  kind: 'marketing',
  template: 'sale',
  locale: 'zh-CN',
  signature: 'shop',
  status,
  scheduledAt: null,
  window: null,
  rate: null,
  recipients: { accepted, duplicate: 0, suppressed: 0, rejected: 0 },
  failureReason: null,
  createdAt: '2026-12-01T00:00:00Z',
  startedAt: null,
  finishedAt: null,
  progress: progress && {
    queued: 0,
    sent: 0,
    delivered: 0,
    undelivered: 0,
    failed: 0,
    unknown: 0,
    suppressed: 0,
    cancelled: 0,
    byProvider: [],
    ...progress,
  },
});

describe('campaignPercent', () => {
  it('counts every recipient with an outcome, not the queued ones', () => {
    expect(campaignPercent(campaign('sending', 4, { queued: 2, sent: 1, delivered: 1 }))).toBe(50);
    expect(
      campaignPercent(campaign('sending', 3, { failed: 1, suppressed: 1, delivered: 1 })),
    ).toBe(100);
    expect(campaignPercent(campaign('draft', 0))).toBe(0);
    expect(campaignPercent(campaign('completed', 0))).toBe(100);
  });
});

describe('campaignActions', () => {
  it('offers what the state allows', () => {
    expect(campaignActions('sending')).toEqual(['pause', 'cancel']);
    expect(campaignActions('paused')).toEqual(['resume', 'cancel']);
    expect(campaignActions('completed')).toEqual([]);
  });
});
