import { Injectable } from '@nestjs/common';
import {
  Prisma,
  PrismaService,
  SmsCampaignRecipient,
  SmsCampaignRecipientStatus,
  SmsCampaignRejection,
} from '@app/prisma';

export interface NewRecipient {
  phone: string;
  region: string;
  variables: Record<string, string>;
  segments: number;
  messageId: string;
  suppressed: boolean;
}

export interface Rejection {
  rowNumber: number;
  code: string;
  reason: string;
  phone?: string;
}

/** A recipient's end after a send: final, or back to `pending` for another try at `retryAt`. */
export type RecipientOutcome =
  | { seq: number; status: 'sent' | 'failed' | 'unknown' | 'suppressed' }
  | { seq: number; status: 'pending'; retryAt: Date; countsAsTry: boolean };

/** A recipient with its message's outcome (absent while none), for the report. */
export interface ReportRow {
  seq: number;
  phone: string;
  status: SmsCampaignRecipientStatus;
  messageId: string;
  messageStatus: string | null;
  providerMessageId: string | null;
  provider: string | null;
  errorCode: string | null;
}

/** Recipient rows: added by uploads, claimed and settled by the campaign's worker. */
@Injectable()
export class CampaignRecipientRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Inserts rows after the campaign's last, in one statement; a phone the campaign has already
   * is skipped (the unique index decides, so two uploads at once cannot both add it). Answers
   * how many were inserted and how many of those suppressed.
   */
  async insert(
    db: Prisma.TransactionClient,
    campaignId: string,
    upload: number,
    rows: readonly NewRecipient[],
  ): Promise<{ inserted: number; suppressed: number }> {
    if (rows.length === 0) return { inserted: 0, suppressed: 0 };
    const column = <T>(pick: (row: NewRecipient) => T): T[] => rows.map(pick);
    const inserted = await db.$queryRaw<Array<{ status: SmsCampaignRecipientStatus }>>`
      INSERT INTO "sms_campaign_recipients"
        ("campaign_id", "seq", "phone", "region", "variables", "segments", "message_id", "status",
         "upload")
      SELECT ${campaignId}::uuid,
             (SELECT COALESCE(MAX("seq"), 0) FROM "sms_campaign_recipients"
               WHERE "campaign_id" = ${campaignId}::uuid) + r.n,
             r.phone, r.region, r.variables, r.segments, r.message_id, r.status, ${upload}::int
        FROM unnest(
          ${column((row) => row.phone)}::text[],
          ${column((row) => row.region)}::text[],
          ${column((row) => JSON.stringify(row.variables))}::jsonb[],
          ${column((row) => row.segments)}::int[],
          ${column((row) => row.messageId)}::uuid[],
          ${column((row) => (row.suppressed ? 'suppressed' : 'pending'))}::"sms_campaign_recipient_status"[]
        ) WITH ORDINALITY AS r(phone, region, variables, segments, message_id, status, n)
      ON CONFLICT ("campaign_id", "phone") DO NOTHING
      RETURNING "status"`;
    return {
      inserted: inserted.length,
      suppressed: inserted.filter((row) => row.status === 'suppressed').length,
    };
  }

  async reject(
    db: Prisma.TransactionClient,
    campaignId: string,
    upload: number,
    rejections: readonly Rejection[],
  ): Promise<void> {
    if (rejections.length === 0) return;
    await db.smsCampaignRejection.createMany({
      data: rejections.map((rejection) => ({
        campaignId,
        upload,
        rowNumber: rejection.rowNumber,
        code: rejection.code,
        reason: rejection.reason.slice(0, 500),
        phone: rejection.phone?.slice(0, 64),
      })),
      skipDuplicates: true,
    });
  }

  /** Takes back what an upload that failed half-way added. */
  async dropUpload(campaignId: string, upload: number): Promise<void> {
    await this.prisma.$transaction([
      this.prisma.smsCampaignRecipient.deleteMany({ where: { campaignId, upload } }),
      this.prisma.smsCampaignRejection.deleteMany({ where: { campaignId, upload } }),
    ]);
  }

  rejections(campaignId: string, limit: number): Promise<SmsCampaignRejection[]> {
    return this.prisma.smsCampaignRejection.findMany({
      where: { campaignId },
      orderBy: [{ upload: 'asc' }, { rowNumber: 'asc' }],
      take: limit,
    });
  }

  /** The `n`th recipient to send to (1-based, in upload order), for a preview. */
  nth(campaignId: string, n: number): Promise<SmsCampaignRecipient | null> {
    return this.prisma.smsCampaignRecipient.findFirst({
      where: { campaignId, status: { not: 'suppressed' } },
      orderBy: { seq: 'asc' },
      skip: n - 1,
    });
  }

  /** Recipients and segments to send, and how many are suppressed. */
  async totals(campaignId: string): Promise<{ recipients: number; segments: number }> {
    const result = await this.prisma.smsCampaignRecipient.aggregate({
      where: { campaignId, status: { not: 'suppressed' } },
      _count: true,
      _sum: { segments: true },
    });
    return { recipients: result._count, segments: result._sum.segments ?? 0 };
  }

  async countByStatus(campaignId: string): Promise<Map<SmsCampaignRecipientStatus, number>> {
    const groups = await this.prisma.smsCampaignRecipient.groupBy({
      by: ['status'],
      where: { campaignId },
      _count: true,
    });
    return new Map(groups.map((group) => [group.status, group._count]));
  }

  /**
   * Claims up to `limit` recipients due for a send, in order: marked `sending` before any
   * provider has them, so a worker that dies leaves them `unknown` (never sent twice). Rows
   * another worker holds are skipped, not waited for.
   */
  claim(campaignId: string, limit: number, now: Date): Promise<SmsCampaignRecipient[]> {
    return this.prisma.$queryRaw<SmsCampaignRecipient[]>`
      UPDATE "sms_campaign_recipients" AS r
         SET "status" = 'sending', "claimed_at" = ${now}, "tries" = r."tries" + 1
        FROM (SELECT "seq" FROM "sms_campaign_recipients"
               WHERE "campaign_id" = ${campaignId}::uuid AND "status" = 'pending'
                 AND ("next_attempt_at" IS NULL OR "next_attempt_at" <= ${now})
               ORDER BY "seq" LIMIT ${limit}
               FOR UPDATE SKIP LOCKED) AS due
       WHERE r."campaign_id" = ${campaignId}::uuid AND r."seq" = due."seq"
      RETURNING r."campaign_id" AS "campaignId", r."seq", r."phone", r."region", r."variables",
                r."segments", r."status", r."message_id" AS "messageId", r."tries",
                r."next_attempt_at" AS "nextAttemptAt", r."claimed_at" AS "claimedAt", r."upload"`;
  }

  /**
   * Recipients a worker claimed before `claimedBefore` and never settled: it died with them at
   * a provider. They become `unknown`, for good.
   */
  takeLost(campaignId: string, claimedBefore: Date): Promise<SmsCampaignRecipient[]> {
    return this.prisma.$queryRaw<SmsCampaignRecipient[]>`
      UPDATE "sms_campaign_recipients"
         SET "status" = 'unknown'
       WHERE "campaign_id" = ${campaignId}::uuid AND "status" = 'sending'
         AND "claimed_at" < ${claimedBefore}
      RETURNING "campaign_id" AS "campaignId", "seq", "phone", "region", "variables", "segments",
                "status", "message_id" AS "messageId", "tries",
                "next_attempt_at" AS "nextAttemptAt", "claimed_at" AS "claimedAt", "upload"`;
  }

  /** Sets the outcome of claimed recipients (only while still `sending`). */
  async settle(
    db: Prisma.TransactionClient,
    campaignId: string,
    outcomes: readonly RecipientOutcome[],
  ): Promise<void> {
    if (outcomes.length === 0) return;
    await db.$executeRaw`
      UPDATE "sms_campaign_recipients" AS r
         SET "status" = o.status,
             "next_attempt_at" = o.retry_at,
             "tries" = CASE WHEN o.counts THEN r."tries" ELSE r."tries" - 1 END
        FROM unnest(
          ${outcomes.map((outcome) => outcome.seq)}::int[],
          ${outcomes.map((outcome) => outcome.status)}::"sms_campaign_recipient_status"[],
          ${outcomes.map((o) => (o.status === 'pending' ? o.retryAt.toISOString() : null))}::timestamptz[],
          ${outcomes.map((o) => o.status !== 'pending' || o.countsAsTry)}::boolean[]
        ) AS o(seq, status, retry_at, counts)
       WHERE r."campaign_id" = ${campaignId}::uuid AND r."seq" = o.seq AND r."status" = 'sending'`;
  }

  /** What is left to do: recipients waiting (and the earliest retry among them), and in flight. */
  async remaining(
    campaignId: string,
  ): Promise<{ pending: number; sending: number; nextRetryAt: Date | null }> {
    const [row] = await this.prisma.$queryRaw<
      Array<{ pending: number; sending: number; next_retry_at: Date | null }>
    >`
      SELECT COUNT(*) FILTER (WHERE "status" = 'pending')::int AS pending,
             COUNT(*) FILTER (WHERE "status" = 'sending')::int AS sending,
             MIN("next_attempt_at") FILTER (WHERE "status" = 'pending') AS next_retry_at
        FROM "sms_campaign_recipients"
       WHERE "campaign_id" = ${campaignId}::uuid AND "status" IN ('pending', 'sending')`;
    return { pending: row.pending, sending: row.sending, nextRetryAt: row.next_retry_at };
  }

  /** Every recipient in order, in pages of `size` (keyset by seq): the report's rows. */
  async *inOrder(campaignId: string, size: number): AsyncGenerator<ReportRow[]> {
    let after = 0;
    for (;;) {
      const rows = await this.prisma.$queryRaw<ReportRow[]>`
        SELECT r."seq", r."phone", r."status", r."message_id" AS "messageId",
               m."status"::text AS "messageStatus", m."provider_message_id" AS "providerMessageId",
               m."provider", m."error_code" AS "errorCode"
          FROM "sms_campaign_recipients" r
          LEFT JOIN "sms_messages" m ON m."id" = r."message_id"
         WHERE r."campaign_id" = ${campaignId}::uuid AND r."seq" > ${after}
         ORDER BY r."seq" LIMIT ${size}`;
      if (rows.length === 0) return;
      yield rows;
      after = rows[rows.length - 1].seq;
    }
  }
}
