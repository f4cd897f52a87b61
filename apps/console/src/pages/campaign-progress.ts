import type { Schemas } from '../api/client';

type Campaign = Schemas['CampaignDto'];

/** Share of a campaign's accepted recipients that have an outcome (sent or final), in %. */
export function campaignPercent(campaign: Campaign): number {
  const total = campaign.recipients.accepted;
  if (total === 0) return campaign.status === 'completed' ? 100 : 0;
  const progress = campaign.progress;
  if (!progress) return campaign.status === 'completed' ? 100 : 0;
  const done =
    progress.sent +
    progress.delivered +
    progress.undelivered +
    progress.failed +
    progress.unknown +
    progress.suppressed +
    progress.cancelled;
  return Math.min(100, Math.round((done / total) * 100));
}

/** What an admin may do to a campaign in its state, as the API allows it. */
export function campaignActions(status: Campaign['status']): ('pause' | 'resume' | 'cancel')[] {
  switch (status) {
    case 'scheduled':
    case 'sending':
      return ['pause', 'cancel'];
    case 'paused':
      return ['resume', 'cancel'];
    case 'draft':
      return ['cancel'];
    case 'completed':
    case 'cancelled':
    case 'failed':
      return [];
  }
}
