import { Injectable } from '@nestjs/common';
import { MessageNotFoundError, MessageNotRetryableError } from '../delivery.errors';
import type { SmsMessageDto } from '../dto/list-messages.dto';
import type { RecordJobData } from '../queue/message-jobs';
import { MessageQueue } from '../queue/message-queue';
import { countSegments } from '../channels/sms/segments';
import { SmsMessageRecorder } from './sms-message.recorder';
import { SmsMessageRepository } from './sms-message.repository';
import { toMessageDto } from './sms-message-view';

/**
 * One message as an admin follows it: its record once a worker wrote it, else its job while
 * it is queued (a notification waiting for a worker or its next try).
 */
@Injectable()
export class MessageLookup {
  constructor(
    private readonly records: SmsMessageRepository,
    private readonly recorder: SmsMessageRecorder,
    private readonly queue: MessageQueue,
  ) {}

  async find(id: string): Promise<SmsMessageDto> {
    await this.recorder.flushed();
    // Looked up in the order a message lives: its notification job, then (settled) its record
    // job, then its row. Each stage exists before the one before it goes, so a message moving
    // on between two reads is found in the next.
    const job = await this.queue.notification(id);
    if (job === undefined) {
      const pending = await this.queue.pendingRecord(id);
      if (pending !== undefined) return pendingRecordView(pending);
      const record = await this.records.find(id);
      if (record !== null) return toMessageDto(record);
      throw new MessageNotFoundError();
    }
    const { sms, context, queuedAt } = job.data;
    return {
      id: sms.id,
      phone: sms.phone,
      purpose: sms.purpose,
      channel: context.channel ?? 'sms',
      provider: job.data.inFlight?.provider ?? 'none',
      providerMessageId: null,
      status: 'queued',
      errorCode: null,
      errorMessage: null,
      content: context.recordedContent,
      segments: countSegments(context.recordedContent),
      clientIp: context.clientIp ?? null,
      createdAt: new Date(queuedAt),
      kind: context.kind,
      templateName: sms.template?.name ?? null,
      locale: context.locale ?? null,
      signature: sms.signature,
      region: sms.region,
      testNumber: false,
      verifiedAt: null,
      receiptCode: null,
      receiptAt: null,
      attempts: [],
    };
  }

  /** Queues a failed notification again; its record says `queued` until the new outcome. */
  async retry(id: string): Promise<SmsMessageDto> {
    await this.recorder.flushed();
    const record = await this.records.find(id);
    if (record === null) throw new MessageNotFoundError();
    if (record.kind === 'verification' || record.status !== 'failed') {
      throw new MessageNotRetryableError(record.kind === 'verification' ? 'a code' : record.status);
    }
    await this.records.requeue(id);
    if (!(await this.queue.retryNotification(id))) {
      // Its job is gone (failed more than the kept week ago): the record says failed again.
      await this.records.markFailedAgain(id);
      throw new MessageNotRetryableError('no longer kept in the queue');
    }
    return this.find(id);
  }
}

function pendingRecordView({ record, sentAt }: RecordJobData): SmsMessageDto {
  return {
    ...record,
    channel: record.channel ?? 'sms',
    providerMessageId: record.providerMessageId ?? null,
    errorCode: record.errorCode ?? null,
    errorMessage: record.errorMessage ?? null,
    clientIp: record.clientIp ?? null,
    createdAt: new Date(sentAt),
    templateName: record.templateName ?? null,
    locale: record.locale ?? null,
    verifiedAt: null,
    receiptCode: null,
    receiptAt: null,
  };
}
