import type { SuppressionDto } from './dto/suppression.dto';
import type { NamedSuppression } from './suppression.repository';

export function toSuppressionDto(entry: NamedSuppression): SuppressionDto {
  return {
    id: entry.id,
    signatureId: entry.signatureId,
    signature: entry.signature.name,
    phone: entry.phone,
    reason: entry.reason,
    replyId: entry.replyId ?? undefined,
    createdAt: entry.createdAt.toISOString(),
  };
}
