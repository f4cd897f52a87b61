import { Injectable } from '@nestjs/common';
import { Prisma, PrismaService, SmsSuppression, SmsSuppressionReason } from '@app/prisma';
import type { Db } from '../catalog-transaction';
import type { Page } from '../records/sms-message.repository';

export interface SuppressionFilter {
  signatureId?: string;
  phone?: string;
  reason?: SmsSuppressionReason;
  from?: Date;
  to?: Date;
}

/** An entry with its signature's name, as the admin list shows it. */
export type NamedSuppression = SmsSuppression & { signature: { name: string } };

export interface NewSuppression {
  signatureId: string;
  phone: string;
  reason: SmsSuppressionReason;
  replyId?: string;
}

const WITH_SIGNATURE_NAME = { signature: { select: { name: true } } } as const;

/** Prisma queries of `sms_suppressions`. */
@Injectable()
export class SuppressionRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Throws Prisma's P2002 when the phone is already on the signature's list. */
  create(entry: NewSuppression): Promise<NamedSuppression> {
    return this.prisma.smsSuppression.create({ data: entry, include: WITH_SIGNATURE_NAME });
  }

  /** Adds the entries not on their lists yet (an existing entry keeps its reason); the count added. */
  async addMissing(entries: readonly NewSuppression[], db: Db = this.prisma): Promise<number> {
    if (entries.length === 0) return 0;
    const { count } = await db.smsSuppression.createMany({
      data: [...entries],
      skipDuplicates: true,
    });
    return count;
  }

  findById(id: string): Promise<NamedSuppression | null> {
    return this.prisma.smsSuppression.findUnique({ where: { id }, include: WITH_SIGNATURE_NAME });
  }

  /** False when there was no such entry. */
  async delete(id: string): Promise<boolean> {
    const { count } = await this.prisma.smsSuppression.deleteMany({ where: { id } });
    return count > 0;
  }

  async list(
    filter: SuppressionFilter,
    page: number,
    pageSize: number,
  ): Promise<Page<NamedSuppression>> {
    const where: Prisma.SmsSuppressionWhereInput = {
      signatureId: filter.signatureId,
      phone: filter.phone,
      reason: filter.reason,
      createdAt: { gte: filter.from, lt: filter.to },
    };
    const [items, total] = await this.prisma.$transaction([
      this.prisma.smsSuppression.findMany({
        where,
        include: WITH_SIGNATURE_NAME,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        skip: (page - 1) * pageSize,
        take: pageSize,
      }),
      this.prisma.smsSuppression.count({ where }),
    ]);
    return { items, total, page, pageSize };
  }
}
