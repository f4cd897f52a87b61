import type { SmsCampaign } from '@app/prisma';
import type { CampaignDto, CampaignProgressDto } from './dto/campaign-view.dto';

/** A campaign as the admin API shows it. */
export function toCampaignDto(campaign: SmsCampaign, progress?: CampaignProgressDto): CampaignDto {
  const window =
    campaign.windowStart !== null && campaign.windowEnd !== null && campaign.windowTimeZone !== null
      ? { start: campaign.windowStart, end: campaign.windowEnd, timeZone: campaign.windowTimeZone }
      : null;
  return {
    id: campaign.id,
    name: campaign.name,
    kind: campaign.kind,
    template: campaign.templateName,
    locale: campaign.locale,
    signature: campaign.signature,
    status: campaign.status,
    scheduledAt: campaign.scheduledAt,
    window,
    rate: campaign.rate,
    recipients: {
      accepted: campaign.acceptedCount,
      duplicate: campaign.duplicateCount,
      suppressed: campaign.suppressedCount,
      rejected: campaign.rejectedCount,
    },
    failureReason: campaign.failureReason,
    createdAt: campaign.createdAt,
    startedAt: campaign.startedAt,
    finishedAt: campaign.finishedAt,
    ...(progress === undefined ? {} : { progress }),
  };
}
