import { Injectable, Logger } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { deadline } from '@app/common';
import { AppConfigService } from '@app/config';
import { Metrics } from '@app/metrics';
import { clientErrorForSendFailure } from '../sending/provider-failure';
import type { OutgoingSms, SendOutcome, SmsProvider } from '../providers/sms-provider';
import { SmsProviderRouter } from '../providers/sms-provider-router';
import { ProviderSendRates } from '../sending/provider-send-rates';
import type { SmsAttemptRecord } from '../records/sms-message-record';
import type { Dispatched, SendRecordContext } from '../sending/sms-sender.service';
import { SmsSender } from '../sending/sms-sender.service';

export interface CampaignSend {
  sms: OutgoingSms;
  context: SendRecordContext;
}

/**
 * Sends a chunk of a campaign: messages the region's first provider can take together go in
 * batch requests (Tencent's multi-number SendSms for one content, Aliyun's SendBatchSms with
 * per-number variables), the rest one request each through the sender's failover. A message
 * a batch did not get sent but another try may (unreached, the provider's own refusal) goes
 * through the single path at once; one whose outcome a batch lost is `unknown`, never resent.
 */
@Injectable()
export class CampaignBatchSender {
  private readonly logger = new Logger(CampaignBatchSender.name);
  private readonly timeoutMs: number;

  constructor(
    private readonly sender: SmsSender,
    private readonly router: SmsProviderRouter,
    private readonly rates: ProviderSendRates,
    private readonly metrics: Metrics,
    config: AppConfigService,
  ) {
    this.timeoutMs = config.get('SMS_PROVIDER_TIMEOUT_MS');
  }

  /** One Dispatched per message, in order. */
  async send(messages: readonly CampaignSend[], concurrency: number): Promise<Dispatched[]> {
    const results = new Array<Dispatched | undefined>(messages.length);
    const batches = new Map<string, { provider: SmsProvider; indexes: number[] }>();
    messages.forEach((message, index) => {
      const provider = this.batchProviderFor(message.sms);
      if (provider === undefined) return;
      const key = `${provider.name}\u0000${provider.batch?.sameVariables ? message.sms.content : ''}`;
      const batch = batches.get(key) ?? { provider, indexes: [] };
      batch.indexes.push(index);
      batches.set(key, batch);
    });
    const jobs: Array<() => Promise<void>> = [];
    for (const { provider, indexes } of batches.values()) {
      const max = provider.batch?.maxRecipients ?? 1;
      if (indexes.length < 2) continue; // one alone goes the single way
      for (let at = 0; at < indexes.length; at += max) {
        const part = indexes.slice(at, at + max);
        jobs.push(async () => {
          const sent = await this.sendBatch(
            provider,
            part.map((i) => messages[i]),
          );
          part.forEach((i, n) => (results[i] = sent[n]));
        });
      }
    }
    await runAll(jobs, concurrency);
    const singles = messages.flatMap((message, index) =>
      results[index] === undefined
        ? [
            async () =>
              void (results[index] = await this.sender.dispatch(message.sms, message.context)),
          ]
        : [],
    );
    await runAll(singles, concurrency);
    return results as Dispatched[];
  }

  private batchProviderFor(sms: OutgoingSms): SmsProvider | undefined {
    if (this.sender.isTestNumber(sms.phone)) return undefined;
    const [first] = this.router.providersFor(sms.region);
    if (first?.batch === undefined || first.sendBatch === undefined) return undefined;
    if (
      first.requiresProviderTemplate &&
      sms.template?.providerTemplateIds[first.name] === undefined
    ) {
      return undefined;
    }
    return first;
  }

  /** One batch request; entries left undefined are sent the single way. */
  private async sendBatch(
    provider: SmsProvider,
    messages: readonly CampaignSend[],
  ): Promise<Array<Dispatched | undefined>> {
    if ((await this.rates.overRate(provider)) !== undefined) return messages.map(() => undefined);
    const started = performance.now();
    let outcomes: SendOutcome[];
    const bound = deadline(this.timeoutMs, { message: 'The provider did not answer in time' });
    try {
      outcomes = await provider.sendBatch!(
        messages.map((message) => message.sms),
        bound.signal,
      );
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      this.logger.error(`Provider ${provider.name} threw for a batch: ${text}`);
      outcomes = messages.map(() => ({
        status: 'unknown',
        providerCode: 'UnexpectedError',
        message: text,
      }));
    } finally {
      bound.settle();
    }
    const latencyMs = Math.round(performance.now() - started);
    this.metrics.providerCalled(provider.name, outcomes[0]?.status ?? 'unknown', latencyMs / 1000);
    return messages.map((message, index) => {
      const outcome = outcomes[index] ?? {
        status: 'unknown' as const,
        providerCode: 'BatchAnswerShort',
        message: 'The batch answer had no outcome for this message',
      };
      return this.dispatchedOf(provider, message, outcome, latencyMs);
    });
  }

  private dispatchedOf(
    provider: SmsProvider,
    { sms, context }: CampaignSend,
    outcome: SendOutcome,
    latencyMs: number,
  ): Dispatched | undefined {
    const base = (status: 'sent' | 'unknown' | 'failed', errorCode: string, message: string) =>
      this.sender.untriedRecord(sms, context, {
        provider: provider.name,
        status,
        errorCode,
        errorMessage: message.slice(0, 500),
      });
    if (outcome.status === 'accepted') {
      const record = {
        ...base('sent', '', ''),
        errorCode: undefined,
        errorMessage: undefined,
        providerMessageId: outcome.providerMessageId,
        attempts: [
          {
            provider: provider.name,
            providerMessageId: outcome.providerMessageId,
            status: 'sent' as const,
            latencyMs,
          },
        ],
      };
      const sent = { provider: provider.name, providerMessageId: outcome.providerMessageId };
      return {
        result: { sent: { ...sent, testNumber: false, segments: record.segments } },
        record,
      };
    }
    const maySendElsewhere =
      outcome.status === 'unreached' ||
      (outcome.status === 'refused' && outcome.scope === 'provider');
    if (maySendElsewhere) return undefined;
    const status = outcome.status === 'unknown' ? ('unknown' as const) : ('failed' as const);
    const attempt: SmsAttemptRecord = {
      provider: provider.name,
      status,
      errorCode: outcome.providerCode,
      errorMessage: outcome.message.slice(0, 500),
      latencyMs,
    };
    const record = { ...base(status, outcome.providerCode, outcome.message), attempts: [attempt] };
    const error = clientErrorForSendFailure(provider.name, outcome);
    return {
      result: { unsent: { error, failure: outcome, maybeSent: outcome.status === 'unknown' } },
      record,
    };
  }
}

/** Runs the tasks, at most `concurrency` at a time. */
async function runAll(
  tasks: ReadonlyArray<() => Promise<void>>,
  concurrency: number,
): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, tasks.length) }, async () => {
    while (next < tasks.length) await tasks[next++]();
  });
  await Promise.all(lanes);
}
