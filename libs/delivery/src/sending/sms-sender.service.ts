import { Injectable, Logger } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { AppError, deadline } from '@app/common';
import { AppConfigService } from '@app/config';
import { Metrics } from '@app/metrics';
import type { SmsMessageStatus, SmsTemplateKind } from '@app/prisma';
import type { MessageChannel } from '../channels/channel';
import { refused } from '../providers/sms-provider';
import type { OutgoingSms, SendFailure, SendOutcome, SmsProvider } from '../providers/sms-provider';
import { SmsProviderRouter } from '../providers/sms-provider-router';
import { VoiceProviderRouter } from '../providers/voice-provider-router';
import type { SmsAttemptRecord, SmsMessageRecord } from '../records/sms-message-record';
import { maybeSent, triesNextProvider } from './failover';
import { ProviderSendRates } from './provider-send-rates';
import { clientErrorForSendFailure } from './provider-failure';
import { channelFor } from '../channels/channels';
import { TestPhoneNumbers } from './test-phone-numbers';

export interface SendRecordContext {
  /** The channel it was rendered for; `sms` when absent (a job queued before channels). */
  channel?: MessageChannel;
  kind: SmsTemplateKind;
  /** The text to keep in the record: the content with any code masked. */
  recordedContent: string;
  /** The managed template's locale; absent for the built-in text. */
  locale?: string;
  clientIp?: string;
}

export interface SentSms {
  /** The provider that took the message; `test` for a test number. */
  provider: string;
  providerMessageId?: string;
  testNumber: boolean;
  segments: number;
}

/** A message no provider accepted. */
export interface UnsentSms {
  /** What the client is told. */
  error: AppError;
  /** The last provider's outcome (or the reason none was tried). */
  failure: SendFailure;
  /**
   * A provider's answer was lost: the message may still go out, so it counts as sent against
   * the limits, and its record says `unknown`.
   */
  maybeSent: boolean;
}

export type DeliveryResult = { sent: SentSms } | { unsent: UnsentSms };

/** The provider recorded for a test number's messages, which go nowhere. */
export const TEST_NUMBER_PROVIDER = 'test';

/** A dispatch's result, and the record to write from it. */
export interface Dispatched {
  result: DeliveryResult;
  record: SmsMessageRecord;
}

export interface DispatchHooks {
  /**
   * Called before each provider is called: a notification's job is marked in flight there, so
   * that a worker that dies mid-send leaves a message recorded `unknown`, never sent twice.
   */
  beforeProvider?(provider: string): Promise<void>;
}

/**
 * Sends a rendered message through the providers for the phone's region, in failover order,
 * and answers the record of every attempt (the caller writes it through the queue). Each
 * provider's outcome decides whether the next is tried (`triesNextProvider`): a refusal another
 * provider would repeat stops, an unknown outcome stops for paid messages. A provider that
 * needs its own template id and has none for this template is skipped (recorded as
 * `MissingTemplateId`), and so is one whose send rate (`<PROVIDER>_MAX_PER_SECOND`, across all
 * instances) is spent this second.
 */
@Injectable()
export class SmsSender {
  private readonly logger = new Logger(SmsSender.name);
  private readonly timeoutMs: number;

  constructor(
    private readonly router: SmsProviderRouter,
    private readonly testNumbers: TestPhoneNumbers,
    private readonly rates: ProviderSendRates,
    private readonly metrics: Metrics,
    config: AppConfigService,
    private readonly voiceRouter: VoiceProviderRouter,
  ) {
    this.timeoutMs = config.get('SMS_PROVIDER_TIMEOUT_MS');
  }

  isTestNumber(phone: string): boolean {
    return this.testNumbers.isTestNumber(phone);
  }

  /** The longest a dispatch can take: every provider of the longest route timing out. */
  get longestDispatchMs(): number {
    return Math.max(this.router.longestRoute, this.voiceRouter.longestRoute) * this.timeoutMs;
  }

  async dispatch(
    sms: OutgoingSms,
    context: SendRecordContext,
    hooks: DispatchHooks = {},
  ): Promise<Dispatched> {
    const segments = billingUnits(context);
    if (this.testNumbers.isTestNumber(sms.phone)) {
      const outcome = { provider: TEST_NUMBER_PROVIDER, testNumber: true, attempts: [] };
      return {
        result: { sent: { provider: TEST_NUMBER_PROVIDER, testNumber: true, segments } },
        record: this.recordOf(sms, context, segments, outcome),
      };
    }

    const attempts: SmsAttemptRecord[] = [];
    const outcomes: SendOutcome[] = [];
    let failure: { provider: string; outcome: SendFailure } | undefined;
    const router = context.channel === 'voice' ? this.voiceRouter : this.router;
    for (const provider of router.providersFor(sms.region)) {
      const skipped = this.lacksTemplateId(provider, sms) ?? (await this.rates.overRate(provider));
      if (skipped !== undefined) {
        attempts.push(attemptRecord(provider.name, skipped, 0));
        // A skip explains the outcome only when no provider was really tried.
        failure ??= { provider: provider.name, outcome: skipped };
        continue;
      }
      if (failure !== undefined) this.metrics.failedOver(failure.provider, provider.name);
      await hooks.beforeProvider?.(provider.name);
      const started = performance.now();
      const outcome = await this.sendOnce(provider, sms);
      this.metrics.providerCalled(
        provider.name,
        outcome.status,
        (performance.now() - started) / 1000,
      );
      outcomes.push(outcome);
      attempts.push(attemptRecord(provider.name, outcome, elapsedMs(started)));
      if (outcome.status === 'accepted') {
        const sent = { provider: provider.name, providerMessageId: outcome.providerMessageId };
        const record = { ...sent, testNumber: false, attempts, status: 'sent' as const };
        return {
          result: { sent: { ...sent, testNumber: false, segments } },
          record: this.recordOf(sms, context, segments, record),
        };
      }
      failure = { provider: provider.name, outcome };
      this.logger.warn(
        `Provider ${provider.name} did not send message ${sms.id}: ${outcome.status} ${outcome.providerCode}`,
      );
      if (!triesNextProvider(outcome, context.kind)) break;
    }

    const final = failure ?? {
      provider: 'none',
      outcome: refused('other', 'provider', 'NoProvider', 'No provider'),
    };
    const unsure = maybeSent(outcomes);
    const record = {
      provider: final.provider,
      testNumber: false,
      attempts,
      status: unsure ? ('unknown' as const) : ('failed' as const),
      failure: final.outcome,
    };
    const error = clientErrorForSendFailure(final.provider, final.outcome);
    return {
      result: { unsent: { error, maybeSent: unsure, failure: final.outcome } },
      record: this.recordOf(sms, context, segments, record),
    };
  }

  /**
   * The record of a message no provider was tried for here: a code whose job was taken up
   * after it died, a notification whose worker stopped while a provider had it.
   */
  untriedRecord(
    sms: OutgoingSms,
    context: SendRecordContext,
    outcome: {
      provider?: string;
      status: SmsMessageStatus;
      errorCode: string;
      errorMessage: string;
    },
  ): SmsMessageRecord {
    const segments = billingUnits(context);
    const { provider = 'none', ...rest } = outcome;
    const base = this.recordOf(sms, context, segments, {
      provider,
      testNumber: false,
      attempts: [],
    });
    return { ...base, ...rest };
  }

  /** One provider's outcome. Adapters throw only for a programming error, logged here. */
  private async sendOnce(provider: SmsProvider, sms: OutgoingSms): Promise<SendOutcome> {
    const bound = deadline(this.timeoutMs, { message: 'The provider did not answer in time' });
    try {
      return await provider.send(sms, bound.signal);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.error(`Provider ${provider.name} threw for message ${sms.id}: ${message}`);
      // Thrown before or after writing the request: we cannot tell, so the outcome is unknown.
      return { status: 'unknown', providerCode: 'UnexpectedError', message };
    } finally {
      bound.settle();
    }
  }

  /** The refusal for a provider that cannot carry this template, if it cannot. */
  private lacksTemplateId(provider: SmsProvider, sms: OutgoingSms): SendFailure | undefined {
    if (!provider.requiresProviderTemplate) return undefined;
    if (sms.template?.providerTemplateIds[provider.name] !== undefined) return undefined;
    return refused(
      'template_not_approved',
      'provider',
      'MissingTemplateId',
      `template ${sms.template?.name ?? '(built-in)'} has no ${provider.name} template id`,
    );
  }

  private recordOf(
    sms: OutgoingSms,
    context: SendRecordContext,
    segments: number,
    outcome: {
      provider: string;
      providerMessageId?: string;
      testNumber: boolean;
      attempts: SmsAttemptRecord[];
      status?: SmsMessageStatus;
      failure?: SendFailure;
    },
  ): SmsMessageRecord {
    return {
      id: sms.id,
      phone: sms.phone,
      region: sms.region,
      purpose: sms.purpose,
      channel: context.channel ?? 'sms',
      kind: context.kind,
      templateName: sms.template?.name,
      locale: context.locale,
      signature: sms.signature,
      content: context.recordedContent,
      segments,
      clientIp: context.clientIp,
      testNumber: outcome.testNumber,
      provider: outcome.provider,
      providerMessageId: outcome.providerMessageId,
      status: outcome.status ?? 'sent',
      errorCode: outcome.failure?.providerCode,
      errorMessage: outcome.failure?.message.slice(0, 500),
      attempts: outcome.attempts,
    };
  }
}

/** SMS segments, or one per voice call. */
function billingUnits(context: SendRecordContext): number {
  return channelFor(context.channel ?? 'sms').countUnits(context.recordedContent);
}

function attemptRecord(
  provider: string,
  outcome: SendOutcome,
  latencyMs: number,
): SmsAttemptRecord {
  if (outcome.status === 'accepted') {
    return { provider, providerMessageId: outcome.providerMessageId, status: 'sent', latencyMs };
  }
  return {
    provider,
    status: outcome.status === 'unknown' ? 'unknown' : 'failed',
    errorCode: outcome.providerCode,
    errorMessage: outcome.message.slice(0, 500),
    latencyMs,
  };
}

function elapsedMs(started: number): number {
  return Math.round(performance.now() - started);
}
