import type { NormalizedPhone } from '@app/phone';
import type { OutgoingSms } from '../providers/sms-provider';
import type { RenderedMessage } from '../templates/message-renderer';
import type { MessagePlan } from './message-composer';
import type { SendRecordContext } from './sms-sender.service';

/** A rendered message, as the providers get it and as its record keeps it. */
export function outgoingMessage(input: {
  id: string;
  phone: NormalizedPhone;
  purpose: string;
  plan: MessagePlan;
  message: RenderedMessage;
  /** The text to keep: the content with any code masked. */
  recordedContent: string;
  clientIp?: string;
}): { sms: OutgoingSms; context: SendRecordContext } {
  const { plan, message } = input;
  return {
    sms: {
      id: input.id,
      phone: input.phone.e164,
      region: input.phone.region,
      purpose: input.purpose,
      signature: plan.signature,
      content: message.content,
      variables: message.variables,
      template: plan.managed,
    },
    context: {
      channel: message.channel,
      kind: plan.kind,
      recordedContent: input.recordedContent,
      locale: plan.managed?.locale,
      clientIp: input.clientIp,
    },
  };
}
