import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfigService } from '@app/config';
import { Metrics } from '@app/metrics';
import { PhoneNormalizer } from '@app/phone';
import { MessageQueue, NotificationRetryPolicy } from '../queue/message-queue';
import { MessageComposer } from '../sending/message-composer';
import { outgoingMessage } from '../sending/outgoing-message';
import { PhoneSuppressedError } from '../suppression/suppression.errors';
import { SuppressionList } from '../suppression/suppression-list';
import { readCallerVariables } from '../templates/caller-variables';

export interface NotificationRequest {
  phone: string;
  /** A notification or marketing template, by name. */
  template: string;
  signature?: string;
  locale?: string;
  variables?: Readonly<Record<string, unknown>>;
}

export interface QueuedNotification {
  id: string;
  status: 'queued';
}

/**
 * Server-side notification and marketing messages (admin only: app clients send only
 * verification codes). Checked and rendered here, so a bad request is told at once; then
 * queued, and sent by a worker (message.processor.ts). No code and no per-phone limits; test
 * numbers still get nothing. A marketing message to a number that opted out of its signature
 * is refused here (PhoneSuppressed), and dropped by the worker if the number opts out while
 * the message waits; notifications (an order shipped) go out whatever the list says.
 */
@Injectable()
export class SmsNotificationService {
  private readonly retry: NotificationRetryPolicy;

  constructor(
    private readonly phones: PhoneNormalizer,
    private readonly composer: MessageComposer,
    private readonly queue: MessageQueue,
    private readonly suppressions: SuppressionList,
    private readonly metrics: Metrics,
    config: AppConfigService,
  ) {
    this.retry = {
      attempts: config.get('SMS_NOTIFICATION_ATTEMPTS'),
      firstDelayMs: config.get('SMS_NOTIFICATION_RETRY_DELAY_MS'),
    };
  }

  async send(request: NotificationRequest): Promise<QueuedNotification> {
    const phone = this.phones.normalize(request.phone);
    const plan = await this.composer.planNotification({
      region: phone.region,
      template: request.template,
      signature: request.signature,
      locale: request.locale,
      variables: readCallerVariables(request.variables),
    });
    const marketingSignatureId = plan.kind === 'marketing' ? plan.signatureId : undefined;
    if (
      marketingSignatureId !== undefined &&
      (await this.suppressions.isSuppressed(marketingSignatureId, phone.e164))
    ) {
      this.metrics.messageSuppressed();
      throw new PhoneSuppressedError();
    }
    const message = this.composer.render(plan, undefined);
    const id = randomUUID();
    const { sms, context } = outgoingMessage({
      id,
      phone,
      purpose: plan.managed?.purpose ?? plan.kind,
      plan,
      message,
      recordedContent: message.content,
    });
    await this.queue.enqueueNotification(
      { sms, context, queuedAt: Date.now(), marketingSignatureId },
      this.retry,
    );
    return { id, status: 'queued' };
  }
}
