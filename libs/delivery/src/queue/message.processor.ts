import { InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnModuleInit } from '@nestjs/common';
import { DelayedError, Job, Queue, UnrecoverableError } from 'bullmq';
import { AppConfigService } from '@app/config';
import { Metrics } from '@app/metrics';
import { QUEUES } from '@app/queue';
import { ConversionReportRunner } from '../conversions/conversion-report.runner';
import { SmsMessageRecorder } from '../records/sms-message.recorder';
import { SmsMessageRepository } from '../records/sms-message.repository';
import { OVER_RATE_CODE, ProviderSendRates } from '../sending/provider-send-rates';
import { SmsSender } from '../sending/sms-sender.service';
import { SuppressionList } from '../suppression/suppression-list';
import {
  codeJobId,
  CodeJobData,
  ConversionJobData,
  MESSAGE_JOBS,
  NotificationJobData,
  RecordJobData,
  recordJobId,
} from './message-jobs';
import { MessageQueue, recordBackoffMs } from './message-queue';
import { RecordsInFlight } from './records-in-flight';

/**
 * The worker of the `messages` queue: writes records, takes over the codes of a process that
 * died mid-send, and sends notifications. Runs in apps/worker, and in the API process too
 * while WORKER_EMBEDDED is on.
 */
@Processor(QUEUES.messages, {
  settings: { backoffStrategy: (attemptsMade: number) => recordBackoffMs(attemptsMade) },
  // A job of a worker that died is taken up again within 15 s (its lock lapses after 10 s, the
  // stalled check runs every 5 s) rather than BullMQ's 30 + 30 s: the lock is renewed every
  // 5 s while a job runs, so a slow provider call keeps it.
  lockDuration: 10_000,
  stalledInterval: 5_000,
})
export class MessageProcessor extends WorkerHost implements OnModuleInit {
  private readonly logger = new Logger(MessageProcessor.name);

  constructor(
    @InjectQueue(QUEUES.messages) private readonly jobs: Queue,
    private readonly messages: MessageQueue,
    private readonly sender: SmsSender,
    private readonly recorder: SmsMessageRecorder,
    private readonly records: SmsMessageRepository,
    private readonly recordsInFlight: RecordsInFlight,
    private readonly config: AppConfigService,
    private readonly conversions: ConversionReportRunner,
    private readonly suppressions: SuppressionList,
    private readonly metrics: Metrics,
  ) {
    super();
  }

  onModuleInit(): void {
    this.worker.concurrency = this.config.get('DELIVERY_WORKER_CONCURRENCY');
  }

  async process(job: Job, token?: string): Promise<void> {
    switch (job.name) {
      case MESSAGE_JOBS.record:
        return this.writeRecord(job as Job<RecordJobData>);
      case MESSAGE_JOBS.code:
        return this.takeOverCode(job as Job<CodeJobData>);
      case MESSAGE_JOBS.notification:
        return this.sendNotification(job as Job<NotificationJobData>, token);
      case MESSAGE_JOBS.conversion:
        return this.conversions.run((job as Job<ConversionJobData>).data);
      default:
        throw new UnrecoverableError(`Unknown job ${job.name}`);
    }
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    if (job?.name === MESSAGE_JOBS.record && job.attemptsMade > 1) return; // PostgreSQL away: retried
    this.logger.warn(`Job ${job?.name} ${job?.id} failed: ${error.message}`);
  }

  /** Writes a dispatch's record, then drops the code job it settles (no takeover needed). */
  private async writeRecord(job: Job<RecordJobData>): Promise<void> {
    const { record, sentAt } = job.data;
    await this.recorder.write(record, new Date(sentAt));
    this.recordsInFlight.settle(job.id ?? '');
    await this.jobs.remove(codeJobId(record.id)).catch(() => 0);
  }

  /**
   * The code job of a process that did not record its dispatch in time: it died (or froze)
   * mid-send. A code still live is sent (the user may get it twice); one that died is
   * recorded `expired`, never sent.
   */
  private async takeOverCode(job: Job<CodeJobData>): Promise<void> {
    const { sms, context, expiresAt, queuedAt } = job.data;
    if (await this.jobs.getJob(recordJobId(sms.id))) return; // recorded meanwhile
    // Written, and the worker stopped before it dropped this job. (PostgreSQL away: the record
    // job above is the answer that counts; it lives until its row is in.)
    if (await this.records.exists(sms.id).catch(() => false)) return;
    if (Date.now() >= expiresAt) {
      const expired = this.sender.untriedRecord(sms, context, {
        status: 'expired',
        errorCode: 'CodeExpired',
        errorMessage: 'The code died before a worker could send it',
      });
      await this.messages.recordOutcome(expired, new Date(queuedAt));
      return;
    }
    this.logger.warn(`Taking over code message ${sms.id}: its process did not record it`);
    const { record } = await this.sender.dispatch(sms, context);
    // The time the message was made, as the first process would have recorded it.
    await this.messages.recordOutcome(record, new Date(queuedAt));
  }

  /**
   * Sends a notification: recorded `sent`, or `unknown` when a provider may have taken it
   * (never sent again), or `failed` when every provider refused it for good or the tries
   * (SMS_NOTIFICATION_ATTEMPTS) are spent. A failure that may pass (a provider's own trouble,
   * unreached) is retried with backoff; a provider whose rate is spent this second delays the
   * job to the next one without counting a try. The record goes through a record job, so a
   * PostgreSQL outage never makes a sent message be sent again.
   */
  private async sendNotification(job: Job<NotificationJobData>, token?: string): Promise<void> {
    // Every outcome is recorded at the time the message was made (kept across an admin's retry).
    const { sms, context, inFlight, queuedAt } = job.data;
    if (inFlight !== undefined) {
      const lost = this.sender.untriedRecord(sms, context, {
        provider: inFlight.provider,
        status: 'unknown',
        errorCode: 'WorkerLost',
        errorMessage: 'The worker stopped while the provider had the message; it may have gone out',
      });
      await this.messages.recordOutcome(lost, new Date(queuedAt));
      return;
    }
    if (await this.optedOutMeanwhile(job.data)) {
      const dropped = this.sender.untriedRecord(sms, context, {
        status: 'failed',
        errorCode: 'PhoneSuppressed',
        errorMessage: 'The number opted out of this signature before the message went out',
      });
      this.metrics.messageSuppressed();
      await this.messages.recordOutcome(dropped, new Date(job.timestamp));
      return;
    }
    const { result, record } = await this.sender.dispatch(sms, context, {
      beforeProvider: (provider) =>
        job.updateData({ ...job.data, inFlight: { provider, at: Date.now() } }),
    });
    if ('sent' in result || result.unsent.maybeSent) {
      await this.messages.recordOutcome(record, new Date(queuedAt));
      return;
    }
    await job.updateData({ ...job.data, inFlight: undefined });
    if (record.attempts.every((attempt) => attempt.errorCode === OVER_RATE_CODE)) {
      await job.moveToDelayed(Date.now() + ProviderSendRates.untilNextSecond(), token);
      throw new DelayedError();
    }
    const { failure } = result.unsent;
    const mayPass =
      failure.status === 'unreached' ||
      (failure.status === 'refused' && failure.scope === 'provider');
    const lastTry = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (mayPass && !lastTry) throw new Error(`${failure.status} ${failure.providerCode}: retried`);
    await this.messages.recordOutcome(record, new Date(queuedAt));
    throw new UnrecoverableError(`${failure.status} ${failure.providerCode}`);
  }

  /** A marketing message waits in the queue (retries, a provider's rate): the list may change. */
  private async optedOutMeanwhile(data: NotificationJobData): Promise<boolean> {
    const signatureId = data.marketingSignatureId;
    return signatureId !== undefined && this.suppressions.isSuppressed(signatureId, data.sms.phone);
  }
}
