import { Injectable, Logger } from '@nestjs/common';
import { SmsProviderRouter } from '../providers/sms-provider-router';
import { MessageQueue } from '../queue/message-queue';

/**
 * Tells the providers that take conversion reports which of their messages were verified
 * (Tencent ReportConversion, Alibaba Cloud SmsConversionIntl), so their own fraud systems
 * learn. The verify path calls `reportLater` after its answer is decided: it queues a job and
 * does not wait for it; a worker finds the message's record and calls its provider
 * (ConversionReportRunner).
 */
@Injectable()
export class ConversionReporter {
  private readonly logger = new Logger(ConversionReporter.name);
  /** No provider routed to takes reports: nothing is queued. */
  private readonly anyProviderTakesReports: boolean;

  constructor(
    private readonly queue: MessageQueue,
    router: SmsProviderRouter,
  ) {
    this.anyProviderTakesReports = router.all.some(
      (provider) => provider.reportConversion !== undefined,
    );
  }

  /** Queues the report of message `messageId`, verified at `verifiedAt`; never throws. */
  reportLater(messageId: string, verifiedAt = new Date()): void {
    if (!this.anyProviderTakesReports) return;
    this.queue
      .enqueueConversion({ messageId, verifiedAt: verifiedAt.getTime() })
      .catch((error: unknown) =>
        this.logger.warn(
          `Conversion of ${messageId} not queued: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
  }
}
