import { Injectable, Logger } from '@nestjs/common';
import { InvalidParamError } from '@app/common';
import { Metrics } from '@app/metrics';
import { SmsMessageRecorder } from '../records/sms-message.recorder';
import { SmsMessageRepository } from '../records/sms-message.repository';
import { DeliveryReceipt, isReceiptBatch } from './delivery-receipt';

/** Applies a provider's delivery receipts to the messages it sent. */
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
   * skipped, so a provider never sees an error for them (it would only retry).
   */
  async apply(
    provider: string,
    body: unknown,
    parse: (body: unknown) => DeliveryReceipt[],
  ): Promise<void> {
    if (!isReceiptBatch(body)) {
      throw new InvalidParamError('A receipt callback is a JSON array of status reports', [
        { field: 'body', message: 'must be a JSON array' },
      ]);
    }
    const receipts = parse(body);
    for (const receipt of receipts) this.metrics.receiptRead(provider, receipt.delivered);
    // A receipt may come moments after the send, before its record is written.
    await this.recorder.flushed();
    const updated = await this.records.applyReceipts(provider, receipts);
    this.logger.log(
      `${provider} receipts: ${body.length} received, ${receipts.length} readable, ${updated} applied`,
    );
  }
}
