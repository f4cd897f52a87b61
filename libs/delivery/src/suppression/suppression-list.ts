import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/prisma';

/**
 * The opt-out list read by senders of marketing messages: which numbers asked a signature to
 * stop. Per signature, as carriers treat an "R" reply as leaving that sender only. Verification
 * codes never consult it. Phones are E.164, as `PhoneNormalizer` writes them.
 */
@Injectable()
export class SuppressionList {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * The phones among `phones` suppressed for the signature: one query on the
   * (signature_id, phone) unique index, meant for chunks of up to a few thousand phones.
   */
  async suppressedAmong(signatureId: string, phones: readonly string[]): Promise<Set<string>> {
    if (phones.length === 0) return new Set();
    const rows = await this.prisma.smsSuppression.findMany({
      where: { signatureId, phone: { in: [...new Set(phones)] } },
      select: { phone: true },
    });
    return new Set(rows.map((row) => row.phone));
  }

  async isSuppressed(signatureId: string, phone: string): Promise<boolean> {
    const row = await this.prisma.smsSuppression.findUnique({
      where: { signatureId_phone: { signatureId, phone } },
      select: { id: true },
    });
    return row !== null;
  }
}
