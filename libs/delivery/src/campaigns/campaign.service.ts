import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { InvalidParamError } from '@app/common';
import { AppConfigService } from '@app/config';
import { Metrics } from '@app/metrics';
import { PrismaService, SmsCampaign } from '@app/prisma';
import { SignatureNotApprovedError, SignatureNotFoundError } from '../catalog.errors';
import { SmsProviderRouter } from '../providers/sms-provider-router';
import { SmsSignatureRepository } from '../signatures/sms-signature.repository';
import { SmsTemplateRepository } from '../templates/sms-template.repository';
import { TemplateNotApprovedError, TemplateNotFoundError } from '../catalog.errors';
import { localeCandidates, normalizeLocale, pickByLocale } from '../templates/template-locale';
import { hasOptOutText } from '../templates/template-rules';
import { CampaignClock } from './campaign-clock';
import { CampaignEnding } from './campaign-ending';
import { CampaignMessages } from './campaign-messages';
import { CampaignQueue } from './campaign-queue';
import { CampaignRecipientRepository } from './campaign-recipient.repository';
import { CampaignRepository, messageCounts } from './campaign.repository';
import {
  CampaignHasNoRecipientsError,
  CampaignNotFoundError,
  CampaignRateAboveProvidersError,
  CampaignStateConflictError,
  OptOutTextMissingError,
} from './campaign.errors';
import { allowedFrom, CampaignAction } from './campaign-states';
import type { CampaignDto, CampaignProgressDto } from './dto/campaign-view.dto';
import type { CreateCampaignDto } from './dto/create-campaign.dto';
import { isTimeZone, MARKETING_WINDOW } from './send-window';
import { toCampaignDto } from './campaign-view';

const MAX_SCHEDULE_AHEAD_MS = 31 * 24 * 3600 * 1000;

/** Campaigns' life cycle: create, confirm, pause, resume, cancel, and how far they got. */
@Injectable()
export class CampaignService {
  private readonly defaultLocale: string;
  private readonly appName: string;

  constructor(
    private readonly prisma: PrismaService,
    private readonly campaigns: CampaignRepository,
    private readonly ending: CampaignEnding,
    private readonly recipients: CampaignRecipientRepository,
    private readonly templates: SmsTemplateRepository,
    private readonly signatures: SmsSignatureRepository,
    private readonly messages: CampaignMessages,
    private readonly queue: CampaignQueue,
    private readonly clock: CampaignClock,
    private readonly metrics: Metrics,
    private readonly router: SmsProviderRouter,
    config: AppConfigService,
  ) {
    this.defaultLocale = config.get('SMS_DEFAULT_LOCALE');
    this.appName = config.get('APP_NAME');
  }

  async create(request: CreateCampaignDto): Promise<CampaignDto> {
    const now = this.clock.now();
    const scheduledAt = request.scheduledAt === undefined ? null : new Date(request.scheduledAt);
    const problems = [];
    if (scheduledAt !== null && scheduledAt.getTime() - now.getTime() > MAX_SCHEDULE_AHEAD_MS) {
      problems.push({ field: 'scheduledAt', message: 'scheduledAt is at most 31 days ahead' });
    }
    if (scheduledAt !== null && !/(?:Z|[+-]\d\d:?\d\d)$/i.test(request.scheduledAt ?? '')) {
      problems.push({
        field: 'scheduledAt',
        message: 'scheduledAt must give its zone (Z or +08:00)',
      });
    }
    if (request.window !== undefined && !isTimeZone(request.window.timeZone)) {
      problems.push({ field: 'window.timeZone', message: 'not a known IANA time zone' });
    }
    let locale: string | undefined;
    if (request.locale !== undefined) {
      locale = normalizeLocale(request.locale);
      if (locale === undefined) {
        problems.push({ field: 'locale', message: 'locale must be a language tag such as zh-CN' });
      }
    }
    if (problems.length > 0) {
      throw new InvalidParamError(
        `Invalid parameters: ${problems.map((p) => p.field).join(', ')}`,
        problems,
      );
    }
    const maxRate = this.providersMaxRate();
    if (request.rate !== undefined && maxRate !== undefined && request.rate > maxRate) {
      throw new CampaignRateAboveProvidersError(maxRate);
    }
    const named = await this.templates.named(request.template, [request.kind]);
    if (named.length === 0) {
      throw new TemplateNotFoundError(`No ${request.kind} template named ${request.template}`);
    }
    const template = pickByLocale(
      named.filter((candidate) => candidate.status === 'approved'),
      localeCandidates(locale, 'CN', this.defaultLocale),
    );
    if (template === undefined) {
      throw new TemplateNotApprovedError(`Template ${request.template} is not approved`);
    }
    const signature = await this.signatureFor(request.signature);
    const window = request.window ?? (request.kind === 'marketing' ? MARKETING_WINDOW : undefined);
    const campaign = await this.campaigns.create({
      id: randomUUID(),
      name: request.name,
      kind: request.kind,
      templateName: template.name,
      locale: template.locale,
      signatureId: signature?.id ?? null,
      signature: signature?.content ?? this.appName,
      scheduledAt,
      windowStart: window?.start ?? null,
      windowEnd: window?.end ?? null,
      windowTimeZone: window?.timeZone ?? null,
      rate: request.rate ?? null,
    });
    this.metrics.campaignMoved('created');
    return toCampaignDto(campaign);
  }

  async get(id: string): Promise<SmsCampaign> {
    const campaign = await this.campaigns.find(id);
    if (campaign === null) throw new CampaignNotFoundError();
    return campaign;
  }

  async view(id: string): Promise<CampaignDto> {
    const campaign = await this.get(id);
    return toCampaignDto(
      campaign,
      campaign.status === 'draft' ? undefined : await this.progress(campaign.id),
    );
  }

  async list(page: number, pageSize: number) {
    const { items, total } = await this.campaigns.list(page, pageSize);
    return { items: items.map((campaign) => toCampaignDto(campaign)), total, page, pageSize };
  }

  /**
   * Confirms a draft: `scheduled` for a time ahead, else `sending` at once; a worker sends it.
   * The template and the signature must still be approved and, for marketing, the template
   * must end with its opt-out text.
   */
  async confirm(id: string): Promise<CampaignDto> {
    const campaign = await this.inState(id, 'confirmed');
    const template = await this.messages.templateOf(campaign);
    await this.messages.checkSignature(campaign);
    if (campaign.kind === 'marketing' && !hasOptOutText(template.content)) {
      throw new OptOutTextMissingError(template.name);
    }
    const { recipients } = await this.recipients.totals(id);
    if (recipients === 0) throw new CampaignHasNoRecipientsError();
    return this.start(campaign, 'confirmed');
  }

  async pause(id: string): Promise<CampaignDto> {
    const moved = await this.campaigns.transition(id, allowedFrom('paused'), 'paused');
    if (moved === undefined) throw await this.conflict(id, 'paused');
    return this.view(id);
  }

  async resume(id: string): Promise<CampaignDto> {
    const campaign = await this.inState(id, 'resumed');
    return this.start(campaign, 'resumed');
  }

  /** Cancels what no provider has yet; the messages in flight end as they end. */
  async cancel(id: string): Promise<CampaignDto> {
    const ended = await this.ending.end(id, allowedFrom('cancelled'), 'cancelled', {
      finishedAt: this.clock.now(),
    });
    if (ended === undefined) throw await this.conflict(id, 'cancelled');
    return this.view(id);
  }

  async progress(id: string): Promise<CampaignProgressDto> {
    const [byStatus, messages] = await Promise.all([
      this.recipients.countByStatus(id),
      messageCounts(this.prisma, id),
    ]);
    const sum = (status: string) =>
      messages.filter((group) => group.status === status).reduce((n, g) => n + g.count, 0);
    return {
      queued: (byStatus.get('pending') ?? 0) + (byStatus.get('sending') ?? 0),
      sent: sum('sent'),
      delivered: sum('delivered'),
      undelivered: sum('undelivered'),
      failed: sum('failed'),
      unknown: sum('unknown'),
      suppressed: byStatus.get('suppressed') ?? 0,
      cancelled: byStatus.get('cancelled') ?? 0,
      byProvider: messages,
    };
  }

  /** Moves to `scheduled` (its time ahead) or `sending`, as a new run, and queues its job. */
  private async start(campaign: SmsCampaign, action: CampaignAction): Promise<CampaignDto> {
    const now = this.clock.now();
    const ahead = campaign.scheduledAt !== null && campaign.scheduledAt > now;
    const moved = await this.campaigns.transition(
      campaign.id,
      allowedFrom(action),
      ahead ? 'scheduled' : 'sending',
      { runs: { increment: 1 }, ...(ahead ? {} : { startedAt: campaign.startedAt ?? now }) },
    );
    if (moved === undefined) throw await this.conflict(campaign.id, action);
    if (!ahead && campaign.startedAt === null) this.metrics.campaignMoved('started');
    try {
      await this.queue.start(moved.id, moved.runs, ahead ? moved.scheduledAt : null, now);
    } catch (error) {
      // Not queued: back to where it was, so the admin can try again.
      await this.campaigns.transition(moved.id, [moved.status], campaign.status);
      throw error;
    }
    return this.view(moved.id);
  }

  private async inState(id: string, action: CampaignAction): Promise<SmsCampaign> {
    const campaign = await this.get(id);
    if (!allowedFrom(action).includes(campaign.status)) {
      throw new CampaignStateConflictError(action, campaign.status);
    }
    return campaign;
  }

  private async conflict(id: string, action: CampaignAction): Promise<Error> {
    const campaign = await this.get(id);
    return new CampaignStateConflictError(action, campaign.status);
  }

  /**
   * The most messages a second the SMS providers take together (each held to its
   * `<PROVIDER>_MAX_PER_SECOND` across all workers, failover spilling over to the next);
   * undefined when one of them has no limit.
   */
  private providersMaxRate(): number | undefined {
    let total = 0;
    for (const provider of this.router.all) {
      if (provider.maxPerSecond === undefined) return undefined;
      total += provider.maxPerSecond;
    }
    return total === 0 ? undefined : total;
  }

  private async signatureFor(name: string | undefined) {
    if (name === undefined) return this.signatures.findDefault();
    const signature = await this.signatures.findByName(name);
    if (signature === null) throw new SignatureNotFoundError(`No signature named ${name}`);
    if (signature.status !== 'approved') {
      throw new SignatureNotApprovedError(`Signature ${name} is not approved`);
    }
    return signature;
  }
}
