import { Injectable } from '@nestjs/common';
import { Prisma, PrismaService } from '@app/prisma';
import { splitRange } from './stats-range';

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

/**
 * The SQL of each grouping, over the columns of the daily rollup (which the raw rows are shaped
 * into as well): the column grouped by, and the answer's key written from it once per group.
 * Fixed fragments, never caller text. Grouping by the key itself would compute it for every row
 * read: to_char of the day for the ~710,000 rollup rows of a year took half of that statement's
 * 0.9-1.2 s at 50 million messages (docs/partitioning.md).
 */
const GROUPINGS: Record<StatsDimension, { column: Prisma.Sql; key: Prisma.Sql }> = {
  day: { column: Prisma.sql`"day"`, key: Prisma.sql`to_char("day", 'YYYY-MM-DD')` },
  template: { column: Prisma.sql`"template_name"`, key: Prisma.sql`"template_name"` },
  signature: { column: Prisma.sql`"signature"`, key: Prisma.sql`"signature"` },
  provider: { column: Prisma.sql`"provider"`, key: Prisma.sql`"provider"` },
  status: { column: Prisma.sql`"status"`, key: Prisma.sql`"status"::text` },
  region: { column: Prisma.sql`"region"`, key: Prisma.sql`"region"` },
  channel: { column: Prisma.sql`"channel"`, key: Prisma.sql`"channel"::text` },
  campaign: { column: Prisma.sql`"campaign_id"`, key: Prisma.sql`"campaign_id"::text` },
};

const GROUP_COLUMNS = Prisma.sql`"day", "template_name", "signature", "provider", "status", "region",
  "channel", "kind", "campaign_id"`;
/** GROUP_COLUMNS but the day, which the hourly tables hold as an hour and the monthly as a month. */
const HOURLY_COLUMNS = Prisma.sql`"template_name", "signature", "provider", "status", "region",
  "channel", "kind", "campaign_id"`;

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

/** A rollup row's UTC day, for the `day` grouping of the hourly rows and the changes. */
const HOUR_TO_DAY = Prisma.sql`("hour" AT TIME ZONE 'UTC')::date`;

/**
 * Where whole days are read from, shaped as sms_message_daily: for the `day` grouping the day
 * totals (sms_message_day_totals, by status and kind only: what its SELECT filters on, ~10 rows
 * a day instead of ~2,000), the other columns NULL; for the others the daily rollup.
 */
const DAY_TOTALS = Prisma.sql`(SELECT "day", NULL::text AS "template_name", NULL::text AS "signature",
         NULL::text AS "provider", "status", NULL::text AS "region",
         NULL::"message_channel" AS "channel", "kind", NULL::uuid AS "campaign_id",
         "messages", "segments", "verified", "opt_outs"
    FROM "sms_message_day_totals") AS "day_totals"`;
const wholeDaysSource = (groupBy: StatsDimension) =>
  groupBy === 'day' ? DAY_TOTALS : Prisma.sql`"sms_message_daily"`;

/** A bound of splitRange as the UTC day it starts (the rollups' day and month columns are dates). */
const utcDay = (at: Date) => Prisma.sql`(${at}::timestamptz AT TIME ZONE 'UTC')::date`;

/**
 * Aggregates of message records; test-number sends are left out (nothing was sent). Whole UTC
 * months are read from the monthly rollup (sms_message_monthly; but for the `day` grouping,
 * whose keys are days), the whole days around them from the daily one (sms_message_daily; for
 * the `day` grouping, all its whole days from the day totals, sms_message_day_totals), the
 * whole hours around those from the hourly one (sms_message_hourly), the changes not folded
 * into them yet from sms_message_stats_changes (by hour; migrations 20261228000000,
 * 20261231000000, 20270104000000 and 20270105000000 keep all five exact), and only the partial
 * hours at the range's ends from sms_messages; all in one statement, so from one snapshot (a
 * fold is never seen half done).
 */
@Injectable()
export class SmsStatsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async aggregate(from: Date, to: Date, groupBy: StatsDimension): Promise<StatsRow[]> {
    const { column, key } = GROUPINGS[groupBy];
    const range = splitRange(from, to, { months: groupBy !== 'day' });
    // JIT off: the raw ends' cost estimate (a correlated EXISTS per row) can cross
    // jit_above_cost, and compiling took 0.9 s of a 1.5 s answer on 50 million rows
    // (docs/partitioning.md).
    const [, rows] = await this.prisma.$transaction([
      this.prisma.$executeRaw`SET LOCAL jit = off`,
      this.prisma.$queryRaw<RawStatsRow[]>`
      SELECT ${key} AS key,
             sum("messages")::bigint AS messages,
             coalesce(sum("messages") FILTER (WHERE "status" = 'sent'), 0)::bigint AS sent,
             coalesce(sum("messages") FILTER (WHERE "status" = 'delivered'), 0)::bigint AS delivered,
             coalesce(sum("messages") FILTER (WHERE "status" = 'undelivered'), 0)::bigint
               AS undelivered,
             coalesce(sum("messages") FILTER (WHERE "status" = 'unknown'), 0)::bigint AS unknown,
             coalesce(sum("messages") FILTER (WHERE "status" = 'failed'), 0)::bigint AS failed,
             coalesce(sum("segments") FILTER (WHERE "status" <> 'failed'), 0)::bigint AS segments,
             coalesce(sum("messages") FILTER (WHERE "kind" = 'verification' AND "status" <> 'failed'),
                      0)::bigint AS codes_sent,
             coalesce(sum("verified") FILTER (WHERE "kind" = 'verification'), 0)::bigint
               AS codes_verified,
             coalesce(sum("opt_outs"), 0)::bigint AS opt_outs
        FROM (SELECT "month" AS "day", ${HOURLY_COLUMNS}, "messages", "segments", "verified",
                     "opt_outs"
                FROM "sms_message_monthly"
               WHERE "month" >= ${utcDay(range.monthsFrom)} AND "month" < ${utcDay(range.monthsTo)}
              UNION ALL
              SELECT ${GROUP_COLUMNS}, "messages", "segments", "verified", "opt_outs"
                FROM ${wholeDaysSource(groupBy)}
               WHERE ("day" >= ${utcDay(range.daysFrom)} AND "day" < ${utcDay(range.monthsFrom)})
                  OR ("day" >= ${utcDay(range.monthsTo)} AND "day" < ${utcDay(range.daysTo)})
              UNION ALL
              SELECT ${HOUR_TO_DAY}, ${HOURLY_COLUMNS}, "messages", "segments", "verified",
                     "opt_outs"
                FROM "sms_message_hourly"
               WHERE ("hour" >= ${range.hoursFrom} AND "hour" < ${range.daysFrom})
                  OR ("hour" >= ${range.daysTo} AND "hour" < ${range.hoursTo})
              UNION ALL
              SELECT ${HOUR_TO_DAY}, ${HOURLY_COLUMNS}, "messages", "segments", "verified",
                     "opt_outs"
                FROM "sms_message_stats_changes"
               WHERE "hour" >= ${range.hoursFrom} AND "hour" < ${range.hoursTo}
              UNION ALL
              SELECT ("created_at" AT TIME ZONE 'UTC')::date, "template_name", "signature",
                     "provider", "status", "region", "channel", "kind", "campaign_id",
                     1, "segments", ("verified_at" IS NOT NULL)::int,
                     EXISTS (SELECT 1 FROM "sms_replies" r
                              WHERE r."message_id" = m."id" AND r."opt_out")::int
                FROM "sms_messages" m
               WHERE (("created_at" >= ${range.from} AND "created_at" < ${range.hoursFrom})
                      OR ("created_at" >= ${range.hoursTo} AND "created_at" < ${range.to}))
                 AND NOT "test_number") AS counted
       GROUP BY ${column}
      HAVING sum("messages") <> 0
       ORDER BY 1 NULLS LAST`,
    ]);
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
