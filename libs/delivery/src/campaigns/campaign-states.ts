import type { SmsCampaignStatus } from '@app/prisma';

/** What an admin does to a campaign. */
export type CampaignAction = 'confirmed' | 'paused' | 'resumed' | 'cancelled' | 'uploaded to';

/**
 * `draft` → `scheduled` → `sending` ⇄ `paused` → `completed` | `cancelled` | `failed`. Recipients
 * are uploaded to drafts only; cancel is allowed until the campaign ends (a scheduled one up to
 * its time); a paused one is resumed or cancelled.
 */
const ALLOWED: Record<CampaignAction, readonly SmsCampaignStatus[]> = {
  'uploaded to': ['draft'],
  confirmed: ['draft'],
  paused: ['scheduled', 'sending'],
  resumed: ['paused'],
  cancelled: ['draft', 'scheduled', 'sending', 'paused'],
};

export function allowedFrom(action: CampaignAction): readonly SmsCampaignStatus[] {
  return ALLOWED[action];
}

/** The states a worker sends in, or waits in for its time. */
export const RUNNING_STATES: readonly SmsCampaignStatus[] = ['scheduled', 'sending'];

export const FINAL_STATES: readonly SmsCampaignStatus[] = ['completed', 'cancelled', 'failed'];
