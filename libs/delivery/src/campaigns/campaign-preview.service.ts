import { Injectable } from '@nestjs/common';
import { AppConfigService } from '@app/config';
import { InvalidParamError } from '@app/common';
import { countSegments } from '../channels/sms/segments';
import { CampaignMessages } from './campaign-messages';
import { CampaignRecipientRepository } from './campaign-recipient.repository';
import { CampaignService } from './campaign.service';
import type {
  CampaignPreviewDto,
  PriceEstimateDto,
  RecipientReportDto,
} from './dto/campaign-view.dto';

const REPORTED_REJECTIONS = 1000;

/** What an admin checks before confirming: a rendered row, the totals and the fee; the upload report. */
@Injectable()
export class CampaignPreviewService {
  private readonly price?: { perSegment: number; currency: string };

  constructor(
    private readonly campaigns: CampaignService,
    private readonly recipients: CampaignRecipientRepository,
    private readonly messages: CampaignMessages,
    config: AppConfigService,
  ) {
    const perSegment = config.get('SMS_PRICE_PER_SEGMENT');
    const currency = config.get('SMS_PRICE_CURRENCY');
    if (perSegment !== undefined) this.price = { perSegment, currency: currency ?? 'CNY' };
  }

  async preview(id: string, row: number): Promise<CampaignPreviewDto> {
    const campaign = await this.campaigns.get(id);
    const plan = await this.messages.planOf(campaign);
    const [recipient, totals] = await Promise.all([
      this.recipients.nth(id, row),
      this.recipients.totals(id),
    ]);
    if (recipient === null) {
      throw new InvalidParamError('Invalid parameters: row', [
        { field: 'row', message: `the campaign has ${totals.recipients} recipients to send to` },
      ]);
    }
    const variables = new Map(Object.entries(recipient.variables as Record<string, string>));
    const { content } = this.messages.render(plan, variables);
    return {
      row,
      phone: recipient.phone,
      content,
      segments: countSegments(content),
      recipients: totals.recipients,
      totalSegments: totals.segments,
      estimatedCost: this.estimate(totals.segments),
    };
  }

  async rowVariables(id: string): Promise<string[]> {
    const campaign = await this.campaigns.get(id);
    return (await this.messages.planOf(campaign)).rowVariables;
  }

  async report(id: string): Promise<RecipientReportDto> {
    const campaign = await this.campaigns.get(id);
    const rejected = await this.recipients.rejections(id, REPORTED_REJECTIONS);
    return {
      uploads: campaign.uploads,
      accepted: campaign.acceptedCount,
      duplicate: campaign.duplicateCount,
      suppressed: campaign.suppressedCount,
      rejected: campaign.rejectedCount,
      rejectedRows: rejected.map(({ upload, rowNumber, code, reason, phone }) => ({
        upload,
        rowNumber,
        code,
        reason,
        phone,
      })),
    };
  }

  private estimate(segments: number): PriceEstimateDto | null {
    if (this.price === undefined) return null;
    // In millionths, so that 0.045 × 3 is 0.135 and not 0.13499999.
    const amount = Math.round(segments * Math.round(this.price.perSegment * 1e6)) / 1e6;
    return { amount, currency: this.price.currency, perSegment: this.price.perSegment };
  }
}
