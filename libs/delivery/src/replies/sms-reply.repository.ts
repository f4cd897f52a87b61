import { Injectable } from '@nestjs/common';
import { Prisma, PrismaService, SmsReply } from '@app/prisma';
import type { Db } from '../catalog-transaction';
import type { Page } from '../records/sms-message.repository';

export interface ReplyFilter {
  phone?: string;
  signatureId?: string;
  provider?: string;
  optOut?: boolean;
  from?: Date;
  to?: Date;
}

export type NewReply = Omit<Prisma.SmsReplyUncheckedCreateInput, 'id' | 'receivedAt'>;

/** A reply with its signature's name, as the admin list shows it. */
export type NamedReply = SmsReply & { signature: { name: string } | null };

/** The message a reply answers: the last one to the phone, by the provider, not long before. */
export interface AnsweredMessage {
  id: string;
  signature: string | null;
}

/** Prisma queries of `sms_replies`, and the message lookup that matches a reply. */
@Injectable()
export class SmsReplyRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Deletes up to `limit` replies received before `cutoff` (by the received_at index); their
   * suppressions stay, unlinked (reply_id SET NULL). Answers how many went.
   */
  deleteReceivedBefore(cutoff: Date, limit: number): Promise<number> {
    return this.prisma.$executeRaw`
      DELETE FROM "sms_replies" WHERE "id" IN (
        SELECT "id" FROM "sms_replies" WHERE "received_at" < ${cutoff}
         LIMIT ${limit} FOR UPDATE SKIP LOCKED
      )`;
  }

  /** The new row, or undefined when this reply (its dedupe key) was recorded before. */
  async insertOnce(reply: NewReply, db: Db): Promise<SmsReply | undefined> {
    const [inserted] = await db.smsReply.createManyAndReturn({
      data: [reply],
      skipDuplicates: true,
    });
    return inserted;
  }

  /** The newest message to `phone` by `provider` sent in [since, until], of that signature if given. */
  lastMessageTo(query: {
    phone: string;
    provider: string;
    signature?: string;
    since: Date;
    until: Date;
  }): Promise<AnsweredMessage | null> {
    return this.prisma.smsMessage.findFirst({
      where: {
        phone: query.phone,
        provider: query.provider,
        channel: 'sms',
        signature: query.signature,
        createdAt: { gte: query.since, lte: query.until },
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      select: { id: true, signature: true },
    });
  }

  async list(filter: ReplyFilter, page: number, pageSize: number): Promise<Page<NamedReply>> {
    const where: Prisma.SmsReplyWhereInput = {
      phone: filter.phone,
      signatureId: filter.signatureId,
      provider: filter.provider,
      optOut: filter.optOut,
      receivedAt: { gte: filter.from, lt: filter.to },
    };
    const [items, total] = await this.prisma.$transaction([
      this.prisma.smsReply.findMany({
        where,
        include: { signature: { select: { name: true } } },
        orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }],
        skip: (page - 1) * pageSize,
        take: pageSize,
      }),
      this.prisma.smsReply.count({ where }),
    ]);
    return { items, total, page, pageSize };
  }
}
