import { AuditedObjectById } from '@app/common';
import { CampaignService } from './campaign.service';

/**
 * The audit's view of the campaign a route changes (its state, its recipients' counts): what
 * GET /v1/admin/campaigns/:id answers.
 */
export const AuditedCampaign = (): MethodDecorator =>
  AuditedObjectById(CampaignService, (campaigns, id) => campaigns.view(id));
