import { Injectable } from '@nestjs/common';
import { Prisma, PrismaService } from '@app/prisma';

export const STATS_DIMENSIONS = [
  'day',
  'template',
  'signature',
  'provider',
  'status',
  'region',
  'channel',
  'campaign',
] as const;
export type StatsDimension = (typeof STATS_DIMENSIONS)[number];

/** The SQL of each grouping: fixed fragments, never caller text. */
const GROUP_KEYS: Record<StatsDimension, Prisma.Sql> = {
  day: Prisma.sql`to_char("created_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD')`,
  template: Prisma.sql`"template_name"`,
  signature: Prisma.sql`"signature"`,
  provider: Prisma.sql`"provider"`,
  status: Prisma.sql`"status"::text`,
  region: Prisma.sql`"region"`,
  channel: Prisma.sql`"channel"::text`,
  campaign: Prisma.sql`"campaign_id"::text`,
};

export interface StatsRow {
  key: string | null;
  messages: number;
  sent: number;
  delivered: number;
  undelivered: number;
  unknown: number;
  failed: number;
  segments: number;
  codesSent: number;
  codesVerified: number;
  /** Messages whose recipient replied an opt-out keyword to them. */
  optOuts: number;
}

interface RawStatsRow {
  key: string | null;
  messages: bigint;
  sent: bigint;
  delivered: bigint;
  undelivered: bigint;
  unknown: bigint;
  failed: bigint;
  segments: bigint;
  codes_sent: bigint;
  codes_verified: bigint;
  opt_outs: bigint;
}

/** Aggregates over `sms_messages`; test-number sends are left out (nothing was sent). */
@Injectable()
export class SmsStatsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async aggregate(from: Date, to: Date, groupBy: StatsDimension): Promise<StatsRow[]> {
    const key = GROUP_KEYS[groupBy];
    const rows = await this.prisma.$queryRaw<RawStatsRow[]>`
      SELECT ${key} AS key,
             count(*) AS messages,
             count(*) FILTER (WHERE "status" = 'sent') AS sent,
             count(*) FILTER (WHERE "status" = 'delivered') AS delivered,
             count(*) FILTER (WHERE "status" = 'undelivered') AS undelivered,
             count(*) FILTER (WHERE "status" = 'unknown') AS unknown,
             count(*) FILTER (WHERE "status" = 'failed') AS failed,
             coalesce(sum("segments") FILTER (WHERE "status" <> 'failed'), 0)::bigint AS segments,
             count(*) FILTER (WHERE "kind" = 'verification' AND "status" <> 'failed') AS codes_sent,
             count(*) FILTER (WHERE "kind" = 'verification' AND "verified_at" IS NOT NULL)
               AS codes_verified,
             count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "sms_replies" r
                                             WHERE r."message_id" = m."id" AND r."opt_out"))
               AS opt_outs
        FROM "sms_messages" m
       WHERE "created_at" >= ${from} AND "created_at" < ${to} AND NOT "test_number"
       GROUP BY 1
       ORDER BY 1 NULLS LAST`;
    return rows.map((row) => ({
      key: row.key,
      messages: Number(row.messages),
      sent: Number(row.sent),
      delivered: Number(row.delivered),
      undelivered: Number(row.undelivered),
      unknown: Number(row.unknown),
      failed: Number(row.failed),
      segments: Number(row.segments),
      codesSent: Number(row.codes_sent),
      codesVerified: Number(row.codes_verified),
      optOuts: Number(row.opt_outs),
    }));
  }
}
