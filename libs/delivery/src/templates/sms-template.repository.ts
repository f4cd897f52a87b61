import { Injectable } from '@nestjs/common';
import {
  MessageChannel,
  Prisma,
  PrismaService,
  SmsReviewStatus,
  SmsTemplate,
  SmsTemplateKind,
} from '@app/prisma';
import type { Db } from '../catalog-transaction';
import type { Page } from '../records/sms-message.repository';

export interface TemplateFilter {
  kind?: SmsTemplateKind;
  channel?: MessageChannel;
  purpose?: string;
  locale?: string;
  status?: SmsReviewStatus;
  name?: string;
}

const OLDEST_FIRST: Prisma.SmsTemplateOrderByWithRelationInput[] = [
  { createdAt: 'asc' },
  { id: 'asc' },
];

/** Prisma queries of `sms_templates`. */
@Injectable()
export class SmsTemplateRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(data: Prisma.SmsTemplateCreateInput): Promise<SmsTemplate> {
    return this.prisma.smsTemplate.create({ data });
  }

  findById(id: string, db: Db = this.prisma): Promise<SmsTemplate | null> {
    return db.smsTemplate.findUnique({ where: { id } });
  }

  async list(filter: TemplateFilter, page: number, pageSize: number): Promise<Page<SmsTemplate>> {
    const where: Prisma.SmsTemplateWhereInput = { ...filter };
    const [items, total] = await this.prisma.$transaction([
      this.prisma.smsTemplate.findMany({
        where,
        orderBy: OLDEST_FIRST,
        skip: (page - 1) * pageSize,
        take: pageSize,
      }),
      this.prisma.smsTemplate.count({ where }),
    ]);
    return { items, total, page, pageSize };
  }

  update(id: string, data: Prisma.SmsTemplateUpdateInput): Promise<SmsTemplate> {
    return this.prisma.smsTemplate.update({ where: { id }, data });
  }

  async delete(db: Db, id: string): Promise<void> {
    await db.smsTemplate.delete({ where: { id } });
  }

  countApproved(
    db: Db,
    kind: SmsTemplateKind,
    channel: MessageChannel,
    purpose: string,
  ): Promise<number> {
    return db.smsTemplate.count({ where: { kind, channel, purpose, status: 'approved' } });
  }

  /** Approved verification templates of a channel for a code purpose, every locale, oldest first. */
  approvedVerification(purpose: string, channel: MessageChannel = 'sms'): Promise<SmsTemplate[]> {
    return this.prisma.smsTemplate.findMany({
      where: { kind: 'verification', purpose, channel, status: 'approved' },
      orderBy: OLDEST_FIRST,
    });
  }

  /** Templates of these kinds and channel with this name, every locale and status, oldest first. */
  named(
    name: string,
    kinds: SmsTemplateKind[],
    channel: MessageChannel = 'sms',
  ): Promise<SmsTemplate[]> {
    return this.prisma.smsTemplate.findMany({
      where: { name, kind: { in: kinds }, channel },
      orderBy: OLDEST_FIRST,
    });
  }
}
