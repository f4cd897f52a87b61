import { Injectable } from '@nestjs/common';
import { Prisma, PrismaService, SmsReviewStatus, SmsSignature } from '@app/prisma';
import type { Db } from '../catalog-transaction';
import type { Page } from '../records/sms-message.repository';

/** Prisma queries of `sms_signatures`. Methods that write take the transaction to run in. */
@Injectable()
export class SmsSignatureRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(data: Prisma.SmsSignatureCreateInput): Promise<SmsSignature> {
    return this.prisma.smsSignature.create({ data });
  }

  findById(id: string, db: Db = this.prisma): Promise<SmsSignature | null> {
    return db.smsSignature.findUnique({ where: { id } });
  }

  findByName(name: string): Promise<SmsSignature | null> {
    return this.prisma.smsSignature.findUnique({ where: { name } });
  }

  /** Signatures sending this text inside 【】 (a reply names the text, not our name), approved first. */
  async findByContent(content: string): Promise<SmsSignature[]> {
    const found = await this.prisma.smsSignature.findMany({
      where: { content },
      orderBy: [{ isDefault: 'desc' }, { createdAt: 'asc' }, { id: 'asc' }],
    });
    const rank = (signature: SmsSignature): number => (signature.status === 'approved' ? 0 : 1);
    return found.sort((a, b) => rank(a) - rank(b));
  }

  findDefault(): Promise<SmsSignature | null> {
    return this.prisma.smsSignature.findFirst({ where: { isDefault: true } });
  }

  async list(
    filter: { status?: SmsReviewStatus },
    page: number,
    pageSize: number,
  ): Promise<Page<SmsSignature>> {
    const where: Prisma.SmsSignatureWhereInput = { status: filter.status };
    const [items, total] = await this.prisma.$transaction([
      this.prisma.smsSignature.findMany({
        where,
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        skip: (page - 1) * pageSize,
        take: pageSize,
      }),
      this.prisma.smsSignature.count({ where }),
    ]);
    return { items, total, page, pageSize };
  }

  update(db: Db, id: string, data: Prisma.SmsSignatureUpdateInput): Promise<SmsSignature> {
    return db.smsSignature.update({ where: { id }, data });
  }

  async delete(db: Db, id: string): Promise<void> {
    await db.smsSignature.delete({ where: { id } });
  }

  async clearDefault(db: Db): Promise<void> {
    await db.smsSignature.updateMany({ where: { isDefault: true }, data: { isDefault: false } });
  }

  hasDefault(db: Db): Promise<boolean> {
    return db.smsSignature.count({ where: { isDefault: true } }).then((count) => count > 0);
  }

  countApproved(db: Db): Promise<number> {
    return db.smsSignature.count({ where: { status: 'approved' } });
  }

  /** Makes the oldest approved signature (other than `exceptId`) the default, if there is one. */
  async promoteOldestApproved(db: Db, exceptId: string): Promise<void> {
    const next = await db.smsSignature.findFirst({
      where: { status: 'approved', id: { not: exceptId } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    if (next) await db.smsSignature.update({ where: { id: next.id }, data: { isDefault: true } });
  }
}
