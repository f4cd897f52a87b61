import { Injectable } from '@nestjs/common';
import { outboxInsert } from '@app/events';
import { Prisma, PrismaService, SmsMessage, SmsMessageStatus } from '@app/prisma';
import type { MessageChannel } from '../channels/channel';
import type { DeliveryReceipt } from '../receipts/delivery-receipt';
import { ListTotal, messageListTotal } from './message-list-total';
import { smsEventRows } from './sms-events.sql';
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
   * replaces. Rows of one batch have distinct ids (one job per message). The key is
   * (id, created_at), as the table is partitioned by created_at: every write of one message
   * carries the time it was made, so a second write meets the first.
   *
   * The same statement writes the `sms.sent` / `sms.failed` events of the rows it wrote with a
   * final outcome (the outbox: the event exists exactly when its row does). A row left as it
   * was (a job run twice) returns nothing, so tells nothing again; `unknown` (the provider's
   * answer was lost) tells nothing until a receipt settles it.
   */
  async upsertMany(
    messages: Array<SmsMessageRecord & { createdAt: Date }>,
    transaction?: Prisma.TransactionClient,
  ): Promise<void> {
    const column = <T>(pick: (message: SmsMessageRecord & { createdAt: Date }) => T): T[] =>
      messages.map(pick);
    const statement = Prisma.sql`
      WITH written AS (
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
        ON CONFLICT ("id", "created_at") DO UPDATE SET
          "provider" = EXCLUDED."provider",
          "provider_message_id" = EXCLUDED."provider_message_id",
          "status" = EXCLUDED."status",
          "error_code" = EXCLUDED."error_code",
          "error_message" = EXCLUDED."error_message",
          "attempts" = EXCLUDED."attempts"
        WHERE "sms_messages"."status" = 'queued'
        RETURNING *
      ), settled AS (
        SELECT * FROM written WHERE "status" IN ('sent', 'failed', 'expired')
      )
      ${outboxInsert(
        smsEventRows(
          'settled',
          Prisma.sql`CASE WHEN settled."status" = 'sent' THEN 'sms.sent' ELSE 'sms.failed' END`,
        ),
      )}`;
    // The record jobs' group commit runs it on its own, the hot case: over node-postgres.
    if (transaction) await transaction.$executeRaw(statement);
    else await this.prisma.direct(statement);
  }

  /**
   * Sets `verified_at` on messages not marked yet, in one statement; answers the ids of the
   * marks that found no message (its record not written yet).
   */
  async markVerified(marks: Array<{ id: string; at: Date }>): Promise<string[]> {
    const ids = marks.map((mark) => mark.id);
    const times = marks.map((mark) => mark.at.toISOString());
    const { rows } = await this.prisma.direct<{ id: string }>(Prisma.sql`
      UPDATE "sms_messages" AS m
         SET "verified_at" = COALESCE(m."verified_at", v.at)
        FROM unnest(${ids}::uuid[], ${times}::timestamptz[]) AS v(id, at)
       WHERE m."id" = v.id
      RETURNING m."id"`);
    const marked = new Set(rows.map((row) => row.id));
    return ids.filter((id) => !marked.has(id));
  }

  /** By id alone: each month's primary-key index is probed (docs/partitioning.md). */
  find(id: string): Promise<SmsMessage | null> {
    return this.prisma.smsMessage.findFirst({ where: { id } });
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

  /** A page of records, newest first, and their total: exact or estimated (message-list-total.ts). */
  async list(
    filter: SmsMessageFilter,
    page: number,
    pageSize: number,
  ): Promise<Page<SmsMessage> & ListTotal> {
    const where: Prisma.SmsMessageWhereInput = {
      phone: filter.phone,
      status: filter.status,
      createdAt: { gte: filter.from, lt: filter.to },
      campaignId: filter.campaignId,
    };
    const [items, counted] = await Promise.all([
      this.prisma.smsMessage.findMany({
        where,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        skip: (page - 1) * pageSize,
        take: pageSize,
      }),
      messageListTotal(this.prisma, filter),
    ]);
    return { items, ...counted, page, pageSize };
  }

  /**
   * Applies delivery receipts to the messages a provider sent on a channel, by its message id,
   * in one statement. Unknown ids and messages that failed on our side are left alone.
   * Returns how many messages were updated. The same statement writes `sms.delivered` (or
   * `sms.failed` for `undelivered`) for each message whose status the receipt changed: a
   * receipt read twice tells once (`prior` reads the statuses of the statement's snapshot, from
   * before its update). Two statements applying the same receipt at the same instant may both
   * tell it: delivery is at least once.
   */
  async applyReceipts(
    provider: string,
    channel: MessageChannel,
    receipts: DeliveryReceipt[],
  ): Promise<number> {
    if (receipts.length === 0) return 0;
    const ids = receipts.map((receipt) => receipt.providerMessageId);
    const statuses = receipts.map((receipt) => (receipt.delivered ? 'delivered' : 'undelivered'));
    const codes = receipts.map((receipt) => receipt.code ?? null);
    const times = receipts.map((receipt) => receipt.at.toISOString());
    const phones = receipts.map((receipt) => receipt.phoneDigits ?? null);
    // A receipt with the number's digits reaches only the message to that number (a batch's
    // messages share one id): E.164 without its `+`, or mainland numbers without `86`.
    const [row] = await this.prisma.$queryRaw<Array<{ updated: number }>>`
      WITH r AS (
        SELECT * FROM unnest(${ids}::text[], ${statuses}::text[], ${codes}::text[], ${times}::text[],
                             ${phones}::text[])
          AS r(id, status, code, at, phone)
      ), prior AS (
        SELECT m."id", m."status" FROM "sms_messages" AS m JOIN r ON m."provider_message_id" = r.id
         WHERE m."provider" = ${provider} AND m."channel" = ${channel}::"message_channel"
           AND m."status" <> 'failed'
           AND (r.phone IS NULL OR ltrim(m."phone", '+') IN (r.phone, '86' || r.phone))
      ), updated AS (
        UPDATE "sms_messages" AS m
           SET "status" = r.status::"sms_message_status",
               "receipt_code" = r.code,
               "receipt_at" = r.at::timestamptz
          FROM r
         WHERE m."provider" = ${provider}
           AND m."channel" = ${channel}::"message_channel"
           AND m."provider_message_id" = r.id
           AND m."status" <> 'failed'
           AND (r.phone IS NULL OR ltrim(m."phone", '+') IN (r.phone, '86' || r.phone))
        RETURNING m.*
      ), changed AS (
        SELECT updated.* FROM updated JOIN prior ON prior."id" = updated."id"
         WHERE prior."status" <> updated."status"
      ), events AS (
        ${outboxInsert(
          smsEventRows(
            'changed',
            Prisma.sql`CASE WHEN changed."status" = 'delivered' THEN 'sms.delivered' ELSE 'sms.failed' END`,
          ),
        )}
      )
      SELECT count(*)::int AS updated FROM updated`;
    return row?.updated ?? 0;
  }
}
