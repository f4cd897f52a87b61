import { Logger } from '@nestjs/common';
import type { MessageChannel } from '../../channels/channel';
import type { OutgoingSms, SendOutcome, SmsProvider } from '../sms-provider';

/**
 * Writes messages to the log instead of sending them (SMS, or the words a voice call would
 * read): for development. It is the one place a code may appear in the output.
 */
export class ConsoleSmsProvider implements SmsProvider {
  readonly name = 'console';
  private readonly logger: Logger;

  constructor(readonly channel: MessageChannel = 'sms') {
    this.logger = new Logger(channel === 'voice' ? 'ConsoleVoice' : 'ConsoleSms');
  }

  send(sms: OutgoingSms): Promise<SendOutcome> {
    const what = this.channel === 'voice' ? 'Voice call to' : 'SMS to';
    this.logger.log(`${what} ${sms.phone}: ${sms.content}`);
    return Promise.resolve({ status: 'accepted', providerMessageId: sms.id });
  }
}
