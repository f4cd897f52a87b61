import type { SmsMessage } from '@app/prisma';
import type { SmsMessageDto } from '../dto/list-messages.dto';
import { readAttempts } from './sms-message-record';

/** A stored message as the admin API shows it. */
export function toMessageDto(message: SmsMessage): SmsMessageDto {
  return { ...message, attempts: readAttempts(message.attempts) };
}
