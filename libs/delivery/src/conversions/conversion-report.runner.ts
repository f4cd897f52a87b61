import { Injectable } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { deadline } from '@app/common';
import type { ConversionReport } from '../providers/conversion-report';
import { SmsProviderRouter } from '../providers/sms-provider-router';
import type { ConversionJobData } from '../queue/message-jobs';
import { MessageQueue } from '../queue/message-queue';
import { SmsMessageRepository } from '../records/sms-message.repository';

/** A report call gives up after this long (the adapter's own timeout usually comes first). */
const REPORT_DEADLINE_MS = 10_000;

/** What a conversion needs of a message's record. */
interface SentMessage {
  channel: string;
  provider: string;
  providerMessageId?: string | null;
  region?: string | null;
  sentAt: Date;
}

/**
 * Runs a `conversion` job on a worker: finds the verified message's record (its record job
 * while it waits, else its row) and reports it to the provider that sent it, when that
 * provider takes reports. A message not recorded yet, a transport failure or the provider's
 * own fault throws to be tried again (bounded by the job's attempts); a refusal of the report
 * fails the job for good.
 */
@Injectable()
export class ConversionReportRunner {
  constructor(
    private readonly router: SmsProviderRouter,
    private readonly queue: MessageQueue,
    private readonly records: SmsMessageRepository,
  ) {}

  async run({ messageId, verifiedAt }: ConversionJobData): Promise<void> {
    const message = await this.sentMessage(messageId);
    if (message === undefined) throw new Error(`no record of message ${messageId} yet`);
    const provider = this.router.named(message.provider);
    if (
      message.channel !== 'sms' ||
      !message.providerMessageId ||
      provider?.reportConversion === undefined
    ) {
      return;
    }
    const report: ConversionReport = {
      providerMessageId: message.providerMessageId,
      region: message.region ?? '',
      sentAt: message.sentAt,
      verifiedAt: new Date(verifiedAt),
    };
    const bound = deadline(REPORT_DEADLINE_MS);
    let outcome: Awaited<ReturnType<typeof provider.reportConversion>>;
    try {
      outcome = await provider.reportConversion(report, bound.signal);
    } finally {
      bound.settle();
    }
    if (outcome.status !== 'failed') return;
    const reason = `${message.provider} conversion ${outcome.code}: ${outcome.message}`;
    throw outcome.retry ? new Error(reason) : new UnrecoverableError(reason);
  }

  private async sentMessage(messageId: string): Promise<SentMessage | undefined> {
    const pending = await this.queue.pendingRecord(messageId);
    if (pending !== undefined) {
      const { record, sentAt } = pending;
      return { ...record, channel: record.channel ?? 'sms', sentAt: new Date(sentAt) };
    }
    const row = await this.records.find(messageId);
    return row === null ? undefined : { ...row, sentAt: row.createdAt };
  }
}
