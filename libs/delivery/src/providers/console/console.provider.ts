import { Logger } from '@nestjs/common';
import type { OutgoingSms, SendOutcome, SmsProvider } from '../sms-provider';

/**
 * Writes messages to the log instead of sending them: for development. It is
 * the one place a code may appear in the output.
 */
export class ConsoleSmsProvider implements SmsProvider {
  readonly name = 'console';
  readonly channel = 'sms';
  private readonly logger = new Logger('ConsoleSms');

  send(sms: OutgoingSms): Promise<SendOutcome> {
    this.logger.log(`SMS to ${sms.phone}: ${sms.content}`);
    return Promise.resolve({ status: 'accepted', providerMessageId: sms.id });
  }
}
