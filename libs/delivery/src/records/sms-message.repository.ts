import { Injectable } from '@nestjs/common';
import { Prisma, PrismaService, SmsMessage, SmsMessageStatus } from '@app/prisma';
import type { DeliveryReceipt } from '../receipts/delivery-receipt';
import type { SmsMessageRecord } from './sms-message-record';

export interface SmsMessageFilter {
  phone?: string;
  status?: SmsMessageStatus;
  from?: Date;
  to?: Date;
  campaignId?: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

@Injectable()
export class SmsMessageRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * One INSERT for the whole batch, one array parameter per column: its cost hardly grows with
   * the batch. (Prisma's create/createMany runs every row through its query compiler: a third
   * of the send path's CPU under load in `npm run bench`.)
   *
   * Idempotent by message id, since a queue job may run twice: a row already written is left
   * as it is, unless it says `queued` (a notification between tries), which its final outcome
   * replaces. Rows of one batch have distinct ids (one job per message).
   */
  async upsertMany(
    messages: Array<SmsMessageRecord & { createdAt: Date }>,
    db: Prisma.TransactionClient = this.prisma,
  ): Promise<void> {
    const column = <T>(pick: (message: SmsMessageRecord & { createdAt: Date }) => T): T[] =>
      messages.map(pick);
    await db.$executeRaw`
      INSERT INTO "sms_messages" ("id", "phone", "region", "purpose", "kind", "channel", "template_name",
        "locale", "signature", "content", "segments", "client_ip", "test_number", "provider",
        "provider_message_id", "status", "error_code", "error_message", "attempts", "created_at",
        "campaign_id")
      SELECT * FROM unnest(
        ${column((m) => m.id)}::uuid[],
        ${column((m) => m.phone)}::text[],
        ${column((m) => m.region)}::text[],
        ${column((m) => m.purpose)}::text[],
        ${column((m) => m.kind)}::"sms_template_kind"[],
        ${column((m) => m.channel ?? 'sms')}::"message_channel"[],
        ${column((m) => m.templateName ?? null)}::text[],
        ${column((m) => m.locale ?? null)}::text[],
        ${column((m) => m.signature)}::text[],
        ${column((m) => m.content)}::text[],
        ${column((m) => m.segments)}::int[],
        ${column((m) => m.clientIp ?? null)}::text[],
        ${column((m) => m.testNumber)}::boolean[],
        ${column((m) => m.provider)}::text[],
        ${column((m) => m.providerMessageId ?? null)}::text[],
        ${column((m) => m.status)}::"sms_message_status"[],
        ${column((m) => m.errorCode ?? null)}::text[],
        ${column((m) => m.errorMessage ?? null)}::text[],
        ${column((m) => JSON.stringify(m.attempts))}::jsonb[],
        ${column((m) => m.createdAt.toISOString())}::timestamptz[],
        ${column((m) => m.campaignId ?? null)}::uuid[]
      )
      ON CONFLICT ("id") DO UPDATE SET
        "provider" = EXCLUDED."provider",
        "provider_message_id" = EXCLUDED."provider_message_id",
        "status" = EXCLUDED."status",
        "error_code" = EXCLUDED."error_code",
        "error_message" = EXCLUDED."error_message",
        "attempts" = EXCLUDED."attempts"
      WHERE "sms_messages"."status" = 'queued'`;
  }

  /**
   * Sets `verified_at` on messages not marked yet, in one statement; answers the ids of the
   * marks that found no message (its record not written yet).
   */
  async markVerified(marks: Array<{ id: string; at: Date }>): Promise<string[]> {
    const ids = marks.map((mark) => mark.id);
    const times = marks.map((mark) => mark.at.toISOString());
    const found = await this.prisma.$queryRaw<Array<{ id: string }>>`
      UPDATE "sms_messages" AS m
         SET "verified_at" = COALESCE(m."verified_at", v.at)
        FROM unnest(${ids}::uuid[], ${times}::timestamptz[]) AS v(id, at)
       WHERE m."id" = v.id
      RETURNING m."id"`;
    const marked = new Set(found.map((row) => row.id));
    return ids.filter((id) => !marked.has(id));
  }

  find(id: string): Promise<SmsMessage | null> {
    return this.prisma.smsMessage.findUnique({ where: { id } });
  }

  /** Whether message `id` has a record (of any status). */
  async exists(id: string): Promise<boolean> {
    const rows = await this.prisma.$queryRaw<unknown[]>`
      SELECT 1 FROM "sms_messages" WHERE "id" = ${id}::uuid`;
    return rows.length > 0;
  }

  /** Undoes `requeue` when the message could not be queued again. */
  async markFailedAgain(id: string): Promise<void> {
    await this.prisma.$executeRaw`
      UPDATE "sms_messages" SET "status" = 'failed' WHERE "id" = ${id}::uuid AND "status" = 'queued'`;
  }

  /** Sets a failed notification back to `queued` before it is tried again. */
  async requeue(id: string): Promise<void> {
    await this.prisma.$executeRaw`
      UPDATE "sms_messages" SET "status" = 'queued' WHERE "id" = ${id}::uuid AND "status" = 'failed'`;
  }

  async list(filter: SmsMessageFilter, page: number, pageSize: number): Promise<Page<SmsMessage>> {
    const where: Prisma.SmsMessageWhereInput = {
      phone: filter.phone,
      status: filter.status,
      createdAt: { gte: filter.from, lt: filter.to },
      campaignId: filter.campaignId,
    };
    const [items, total] = await this.prisma.$transaction([
      this.prisma.smsMessage.findMany({
        where,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        skip: (page - 1) * pageSize,
        take: pageSize,
      }),
      this.prisma.smsMessage.count({ where }),
    ]);
    return { items, total, page, pageSize };
  }

  /**
   * Applies delivery receipts to the messages a provider sent, by the provider's message id,
   * in one statement. Unknown ids and messages that failed on our side are left alone.
   * Returns how many messages were updated.
   */
  async applyReceipts(provider: string, receipts: DeliveryReceipt[]): Promise<number> {
    if (receipts.length === 0) return 0;
    const ids = receipts.map((receipt) => receipt.providerMessageId);
    const statuses = receipts.map((receipt) => (receipt.delivered ? 'delivered' : 'undelivered'));
    const codes = receipts.map((receipt) => receipt.code ?? null);
    const times = receipts.map((receipt) => receipt.at.toISOString());
    return this.prisma.$executeRaw`
      UPDATE "sms_messages" AS m
         SET "status" = r.status::"sms_message_status",
             "receipt_code" = r.code,
             "receipt_at" = r.at::timestamptz
        FROM unnest(${ids}::text[], ${statuses}::text[], ${codes}::text[], ${times}::text[])
             AS r(id, status, code, at)
       WHERE m."provider" = ${provider}
         AND m."provider_message_id" = r.id
         AND m."status" <> 'failed'`;
  }
}
