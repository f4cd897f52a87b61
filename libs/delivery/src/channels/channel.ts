import { MessageChannel } from '@app/prisma';

export { MessageChannel };

/** Every channel a template or message may name (the database enum `message_channel`). */
export const MESSAGE_CHANNELS = Object.values(MessageChannel);

/**
 * What a channel decides about a message's form, apart from the template's words: how the
 * filled text and the signature make what the recipient gets, and how it is billed. The
 * composer renders through it: `sms` (the text behind its signature, billed by segments) and
 * `voice` (the text read out: no signature, the code's digits one by one, billed per call).
 */
export interface Channel {
  readonly id: MessageChannel;
  /** The message as the recipient gets it, from the filled template and the signature text. */
  present(text: string, signature: string): string;
  /** How a variable's value is written into the text (voice spaces the code's digits). */
  spellValue(name: string, value: string): string;
  /** The billing units of a presented message (SMS segments, voice calls). */
  countUnits(content: string): number;
}
