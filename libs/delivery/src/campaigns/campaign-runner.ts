import { Injectable, Logger } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { AppError } from '@app/common';
import { AppConfigService } from '@app/config';
import { Metrics } from '@app/metrics';
import { PrismaService, SmsCampaign, SmsCampaignRecipient } from '@app/prisma';
import type { SmsMessageRecord } from '../records/sms-message-record';
import { SmsMessageRepository } from '../records/sms-message.repository';
import { SmsSender } from '../sending/sms-sender.service';
import { SuppressionList } from '../suppression/suppression-list';
import { hasOptOutText } from '../templates/template-rules';
import { CampaignBatchSender } from './campaign-batch-sender';
import { CampaignClock } from './campaign-clock';
import { CampaignEnding } from './campaign-ending';
import { CampaignMessages, CampaignPlan } from './campaign-messages';
import { CampaignRecipientRepository, RecipientOutcome } from './campaign-recipient.repository';
import { CampaignRepository } from './campaign.repository';
import { recipientOutcome, RetryPolicy } from './recipient-outcome';
import { msUntilOpen, SendWindow } from './send-window';

/** Recipients claimed at a time: at most this many are `unknown` after a crash. */
const CHUNK = 200;
/** Sends of a chunk at once. */
const CONCURRENCY = 20;
/** The longest the runner sleeps before it looks at the campaign again (pause, cancel, clock). */
const LOOK_AGAIN_MS = 500;
/** Beyond the longest dispatch, before a claimed row is taken as lost with a dead worker. */
const LOST_MARGIN_MS = 5000;
const SETTLE_TIMEOUT_MS = 30_000;

/**
 * Sends one campaign, in chunks, from a job of the `campaigns` queue, never in a request. Each
 * chunk's recipients are claimed (`sending`) in PostgreSQL before a provider has them and
 * settled with their records in one transaction after: a worker killed in between leaves them
 * claimed, and the run that takes over records them `unknown` (never sends them again) and
 * goes on with the rest. The campaign is looked at between chunks: a pause or a cancel stops
 * the run, a scheduled one waits for its time, every chunk waits for the send window (by the
 * injectable clock) and the campaign's rate (paced on the monotonic clock); the providers' own
 * rates hold in the sender.
 */
@Injectable()
export class CampaignRunner {
  private readonly logger = new Logger(CampaignRunner.name);
  private readonly retry: RetryPolicy;

  constructor(
    private readonly prisma: PrismaService,
    private readonly campaigns: CampaignRepository,
    private readonly ending: CampaignEnding,
    private readonly recipients: CampaignRecipientRepository,
    private readonly records: SmsMessageRepository,
    private readonly messages: CampaignMessages,
    private readonly batches: CampaignBatchSender,
    private readonly sender: SmsSender,
    private readonly suppression: SuppressionList,
    private readonly clock: CampaignClock,
    private readonly metrics: Metrics,
    config: AppConfigService,
  ) {
    this.retry = {
      attempts: config.get('SMS_NOTIFICATION_ATTEMPTS'),
      firstDelayMs: config.get('SMS_NOTIFICATION_RETRY_DELAY_MS'),
    };
  }

  /**
   * Runs the campaign until it ends, pauses, or a newer run takes it over (true), or until
   * `keepGoing` says stop (false: the worker is closing).
   */
  async run(
    campaignId: string,
    run: number,
    keepGoing: () => boolean = () => true,
  ): Promise<boolean> {
    let plan: CampaignPlan | undefined;
    let pace = { since: 0, sent: 0 };
    while (keepGoing()) {
      const campaign = await this.campaigns.find(campaignId);
      if (campaign === null || campaign.runs !== run) return true;
      const now = this.clock.now();
      if (campaign.status === 'scheduled') {
        const wait = (campaign.scheduledAt?.getTime() ?? 0) - now.getTime();
        if (wait > 0) {
          await sleep(Math.min(wait, LOOK_AGAIN_MS));
        } else {
          const started = await this.campaigns.transition(campaignId, ['scheduled'], 'sending', {
            startedAt: now,
          });
          if (started !== undefined) this.metrics.campaignMoved('started');
        }
        continue;
      }
      if (campaign.status !== 'sending') return true;
      if (plan === undefined) {
        plan = await this.planOrFail(campaign);
        if (plan === undefined) return true;
      }
      await this.recordLost(campaign, plan, now);
      const closedFor =
        windowOf(campaign) === undefined ? 0 : msUntilOpen(windowOf(campaign)!, now);
      if (closedFor > 0) {
        pace = { since: 0, sent: 0 };
        await sleep(Math.min(closedFor, LOOK_AGAIN_MS));
        continue;
      }
      const chunk = await this.recipients.claim(
        campaignId,
        Math.min(CHUNK, campaign.rate ?? CHUNK),
        now,
      );
      if (chunk.length === 0) {
        if (await this.finishedOrWait(campaign)) return true;
        pace = { since: 0, sent: 0 };
        continue;
      }
      if (pace.since === 0) pace = { since: performance.now(), sent: 0 };
      await this.sendChunk(campaign, plan, chunk);
      pace.sent += chunk.length;
      if (campaign.rate !== null) {
        const due = pace.since + (pace.sent / campaign.rate) * 1000;
        if (due > performance.now()) await sleep(due - performance.now());
      }
    }
    return false;
  }

  /** The campaign's template, or the campaign `failed` with why it cannot be sent. */
  private async planOrFail(campaign: SmsCampaign): Promise<CampaignPlan | undefined> {
    try {
      const template = await this.messages.templateOf(campaign);
      await this.messages.checkSignature(campaign);
      if (campaign.kind === 'marketing' && !hasOptOutText(template.content)) {
        await this.fail(campaign, `Template ${template.name} lacks the opt-out text`);
        return undefined;
      }
      return this.messages.planFrom(template, {
        id: campaign.signatureId ?? undefined,
        content: campaign.signature,
      });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      await this.fail(campaign, `${error.code}: ${error.message}`);
      return undefined;
    }
  }

  private async fail(campaign: SmsCampaign, reason: string): Promise<void> {
    this.logger.warn(`Campaign ${campaign.id} failed: ${reason}`);
    await this.ending.end(campaign.id, ['sending'], 'failed', {
      failureReason: reason,
      finishedAt: this.clock.now(),
    });
  }

  /** Ends the campaign when nothing is left; else waits for the next retry or a lost claim. */
  private async finishedOrWait(campaign: SmsCampaign): Promise<boolean> {
    const left = await this.recipients.remaining(campaign.id);
    if (left.pending === 0 && left.sending === 0) {
      await this.ending.end(campaign.id, ['sending'], 'completed', {
        finishedAt: this.clock.now(),
      });
      return true;
    }
    const untilRetry = (left.nextRetryAt?.getTime() ?? 0) - this.clock.now().getTime();
    await sleep(Math.max(20, Math.min(untilRetry, LOOK_AGAIN_MS)));
    return false;
  }

  /** Claims a dead worker left: recorded `unknown`, for good. */
  private async recordLost(campaign: SmsCampaign, plan: CampaignPlan, now: Date): Promise<void> {
    const claimedBefore = new Date(now.getTime() - this.sender.longestDispatchMs - LOST_MARGIN_MS);
    const lost = await this.recipients.takeLost(campaign.id, claimedBefore);
    if (lost.length === 0) return;
    this.logger.warn(
      `Campaign ${campaign.id}: ${lost.length} messages lost with a worker, recorded unknown`,
    );
    const records = lost.map((recipient) => {
      const { sms, context } = this.messages.outgoing(campaign, plan, recipient);
      return {
        ...this.sender.untriedRecord(sms, context, {
          status: 'unknown',
          errorCode: 'WorkerLost',
          errorMessage: 'The worker stopped while a provider may have had the message',
        }),
        campaignId: campaign.id,
        createdAt: recipient.claimedAt ?? now,
      };
    });
    await this.records.upsertMany(records);
    this.metrics.campaignMessagesSettled(lost.map(() => 'unknown'));
  }

  private async sendChunk(
    campaign: SmsCampaign,
    plan: CampaignPlan,
    chunk: SmsCampaignRecipient[],
  ): Promise<void> {
    const suppressed =
      campaign.signatureId === null
        ? new Set<string>()
        : await this.suppression.suppressedAmong(
            campaign.signatureId,
            chunk.map((recipient) => recipient.phone),
          );
    const outcomes: RecipientOutcome[] = [];
    const toSend = chunk.filter((recipient) => {
      if (!suppressed.has(recipient.phone)) return true;
      outcomes.push({ seq: recipient.seq, status: 'suppressed' });
      return false;
    });
    const sends = toSend.map((recipient) => this.messages.outgoing(campaign, plan, recipient));
    const dispatched = await this.batches.send(sends, CONCURRENCY);
    const now = this.clock.now();
    const records: Array<SmsMessageRecord & { createdAt: Date }> = [];
    toSend.forEach((recipient, index) => {
      const outcome = recipientOutcome(
        recipient.seq,
        recipient.tries,
        dispatched[index],
        this.retry,
        now,
      );
      outcomes.push(outcome);
      if (outcome.status !== 'pending') {
        records.push({ ...dispatched[index].record, campaignId: campaign.id, createdAt: now });
      }
    });
    await this.prisma.$transaction(
      async (tx) => {
        await this.records.upsertMany(records, tx);
        await this.recipients.settle(tx, campaign.id, outcomes);
      },
      { timeout: SETTLE_TIMEOUT_MS },
    );
    this.metrics.campaignMessagesSettled(
      outcomes.map((outcome) => (outcome.status === 'pending' ? 'retry' : outcome.status)),
    );
  }
}

function windowOf(campaign: SmsCampaign): SendWindow | undefined {
  if (campaign.windowStart === null || campaign.windowEnd === null) return undefined;
  return {
    start: campaign.windowStart,
    end: campaign.windowEnd,
    timeZone: campaign.windowTimeZone ?? 'UTC',
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
