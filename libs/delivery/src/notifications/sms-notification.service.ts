import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { PhoneNormalizer } from '@app/phone';
import { MessageComposer } from '../sending/message-composer';
import { SentSms, SmsSender } from '../sending/sms-sender.service';
import { readCallerVariables } from '../templates/caller-variables';

export interface NotificationRequest {
  phone: string;
  /** A notification or marketing template, by name. */
  template: string;
  signature?: string;
  locale?: string;
  variables?: Readonly<Record<string, unknown>>;
}

export interface SentNotification extends SentSms {
  id: string;
}

/**
 * Server-side notification and marketing messages (admin only: app clients send only
 * verification codes). No code and no per-phone limits; test numbers still get nothing.
 */
@Injectable()
export class SmsNotificationService {
  constructor(
    private readonly phones: PhoneNormalizer,
    private readonly composer: MessageComposer,
    private readonly sender: SmsSender,
  ) {}

  async send(request: NotificationRequest): Promise<SentNotification> {
    const phone = this.phones.normalize(request.phone);
    const plan = await this.composer.planNotification({
      region: phone.region,
      template: request.template,
      signature: request.signature,
      locale: request.locale,
      variables: readCallerVariables(request.variables),
    });
    const message = this.composer.render(plan, undefined);
    const id = randomUUID();
    const sent = await this.sender.send(
      {
        id,
        phone: phone.e164,
        region: phone.region,
        purpose: plan.managed?.purpose ?? plan.kind,
        signature: plan.signature,
        content: message.content,
        variables: message.variables,
        template: plan.managed,
      },
      { kind: plan.kind, recordedContent: message.content, locale: plan.managed?.locale },
    );
    return { id, ...sent };
  }
}
