import type { SmsReplyDto } from './dto/reply.dto';
import type { NamedReply } from './sms-reply.repository';

export function toReplyDto(reply: NamedReply): SmsReplyDto {
  return {
    id: reply.id,
    provider: reply.provider,
    phone: reply.phone,
    signatureId: reply.signatureId ?? undefined,
    signature: reply.signature?.name,
    signName: reply.signName ?? undefined,
    extendCode: reply.extendCode ?? undefined,
    text: reply.text,
    optOut: reply.optOut,
    messageId: reply.messageId ?? undefined,
    repliedAt: reply.repliedAt.toISOString(),
    receivedAt: reply.receivedAt.toISOString(),
  };
}
