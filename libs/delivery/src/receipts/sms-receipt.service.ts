import { Injectable, Logger } from '@nestjs/common';
import { InvalidParamError } from '@app/common';
import { Metrics } from '@app/metrics';
import type { MessageChannel } from '../channels/channel';
import { SmsMessageRecorder } from '../records/sms-message.recorder';
import { SmsMessageRepository } from '../records/sms-message.repository';
import { DeliveryReceipt } from './delivery-receipt';

/** Where a receipt callback comes from, and the JSON shape its body has. */
export interface ReceiptSource {
  provider: string;
  channel: MessageChannel;
  /** SMS reports and Aliyun's call reports are arrays; Tencent's call events one object. */
  body: 'array' | 'object';
}

/** Applies a provider's delivery receipts (an SMS report, a call result) to its messages. */
@Injectable()
export class SmsReceiptService {
  private readonly logger = new Logger(SmsReceiptService.name);

  constructor(
    private readonly records: SmsMessageRepository,
    private readonly recorder: SmsMessageRecorder,
    private readonly metrics: Metrics,
  ) {}

  /**
   * `parse` reads the provider's format; entries it cannot read and ids we do not know are
   * skipped, so a provider never sees an error for them (it would only retry). A receipt
   * only reaches a message of its channel: an SMS serial number never marks a call.
   */
  async apply(
    source: ReceiptSource,
    body: unknown,
    parse: (body: unknown) => DeliveryReceipt[],
  ): Promise<void> {
    if (!hasShape(body, source.body)) {
      const shape = source.body === 'array' ? 'a JSON array' : 'a JSON object';
      throw new InvalidParamError(`This receipt callback is ${shape}`, [
        { field: 'body', message: `must be ${shape}` },
      ]);
    }
    const { provider, channel } = source;
    const receipts = parse(body);
    for (const receipt of receipts) this.metrics.receiptRead(provider, channel, receipt.delivered);
    // A receipt may come moments after the send, before its record is written.
    await this.recorder.flushed();
    const updated = await this.records.applyReceipts(provider, channel, receipts);
    this.logger.log(
      `${provider} ${channel} receipts: ${receipts.length} readable, ${updated} applied`,
    );
  }
}

function hasShape(body: unknown, shape: ReceiptSource['body']): boolean {
  if (shape === 'array') return Array.isArray(body);
  return typeof body === 'object' && body !== null && !Array.isArray(body);
}
