import { Prisma, type PrismaService } from '@app/prisma';

/** What one group of a day (or hour, or month) adds up to: messages, their segments, verified codes, opt-outs. */
export type DayGroupCounts = Record<string, string>;

/**
 * The three rollups and the day totals (folded rows plus pending changes, which are by hour)
 * and the same counts straight from sms_messages, as `day|provider|status|...` (or `hour|...`,
 * `month|...`; `day|status|kind` for the day totals) ->
 * `messages/segments/verified/optOuts`, groups at zero left out: equal maps mean the rollup
 * holds exactly what the records do.
 */
export async function rollupAndRawCounts(prisma: PrismaService): Promise<{
  rollup: DayGroupCounts;
  raw: DayGroupCounts;
  hourlyRollup: DayGroupCounts;
  hourlyRaw: DayGroupCounts;
  monthlyRollup: DayGroupCounts;
  monthlyRaw: DayGroupCounts;
  dayTotals: DayGroupCounts;
  dayTotalsRaw: DayGroupCounts;
}> {
  const day = await bucketCounts(prisma, {
    folded: Prisma.sql`SELECT * FROM "sms_message_daily"`,
    changeBucket: Prisma.sql`("hour" AT TIME ZONE 'UTC')::date`,
    rawBucket: Prisma.sql`("created_at" AT TIME ZONE 'UTC')::date`,
  });
  const hour = await bucketCounts(prisma, {
    // As text in UTC, whatever the session's time zone.
    folded: Prisma.sql`SELECT to_char("hour" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24') AS "day",
                              "template_name", "signature", "provider", "status", "region",
                              "channel", "kind", "campaign_id", "messages", "segments",
                              "verified", "opt_outs"
                         FROM "sms_message_hourly"`,
    changeBucket: Prisma.sql`to_char("hour" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24')`,
    rawBucket: Prisma.sql`to_char("created_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24')`,
  });
  const month = await bucketCounts(prisma, {
    folded: Prisma.sql`SELECT to_char("month", 'YYYY-MM') AS "day", "template_name", "signature",
                              "provider", "status", "region", "channel", "kind", "campaign_id",
                              "messages", "segments", "verified", "opt_outs"
                         FROM "sms_message_monthly"`,
    changeBucket: Prisma.sql`to_char("hour" AT TIME ZONE 'UTC', 'YYYY-MM')`,
    rawBucket: Prisma.sql`to_char("created_at" AT TIME ZONE 'UTC', 'YYYY-MM')`,
  });
  // The day totals keep only the day, status and kind: the other columns are NULL in `folded`
  // and left out of the key, so the changes and raw rows are summed to the same groups.
  const dayTotals = await bucketCounts(prisma, {
    folded: Prisma.sql`SELECT to_char("day", 'YYYY-MM-DD') AS "day",
                              NULL::text AS "template_name", NULL::text AS "signature",
                              NULL::text AS "provider", "status", NULL::text AS "region",
                              NULL::"message_channel" AS "channel", "kind",
                              NULL::uuid AS "campaign_id", "messages", "segments", "verified",
                              "opt_outs"
                         FROM "sms_message_day_totals"`,
    changeBucket: Prisma.sql`to_char("hour" AT TIME ZONE 'UTC', 'YYYY-MM-DD')`,
    rawBucket: Prisma.sql`to_char("created_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD')`,
    key: ['status', 'kind'],
  });
  return {
    rollup: day.rollup,
    raw: day.raw,
    hourlyRollup: hour.rollup,
    hourlyRaw: hour.raw,
    monthlyRollup: month.rollup,
    monthlyRaw: month.raw,
    dayTotals: dayTotals.rollup,
    dayTotalsRaw: dayTotals.raw,
  };
}

/** The group columns of the hourly, daily and monthly rollups, after their bucket. */
const GROUP_KEY = [
  'provider',
  'status',
  'channel',
  'kind',
  'template_name',
  'signature',
  'region',
  'campaign_id',
];

/**
 * Expects each rollup and the day totals to hold exactly what the records do (rollupAndRawCounts)
 * and answers the counts, for a test's further checks.
 */
export async function expectRollupsEqualRaw(
  prisma: PrismaService,
): ReturnType<typeof rollupAndRawCounts> {
  const counts = await rollupAndRawCounts(prisma);
  expect(counts.rollup).toEqual(counts.raw);
  expect(counts.hourlyRollup).toEqual(counts.hourlyRaw);
  expect(counts.monthlyRollup).toEqual(counts.monthlyRaw);
  expect(counts.dayTotals).toEqual(counts.dayTotalsRaw);
  return counts;
}

async function bucketCounts(
  prisma: PrismaService,
  sql: { folded: Prisma.Sql; changeBucket: Prisma.Sql; rawBucket: Prisma.Sql; key?: string[] },
): Promise<{ rollup: DayGroupCounts; raw: DayGroupCounts }> {
  const keyColumns = sql.key ?? GROUP_KEY;
  const key = Prisma.join(
    keyColumns.map((column) => Prisma.raw(`"${column}"`)),
    ', ',
  );
  const rollup = await prisma.$queryRaw<CountRow[]>`
    SELECT concat_ws('|', "day", ${key}) AS "group",
           sum("messages")::text || '/' || sum("segments")::text || '/' || sum("verified")::text
             || '/' || sum("opt_outs")::text AS counts
      FROM (${sql.folded}
            UNION ALL
            SELECT ${sql.changeBucket}, "template_name", "signature", "provider", "status",
                   "region", "channel", "kind", "campaign_id", "messages", "segments",
                   "verified", "opt_outs"
              FROM "sms_message_stats_changes") AS both_tables
     GROUP BY 1
    HAVING sum("messages") <> 0 OR sum("segments") <> 0 OR sum("verified") <> 0
        OR sum("opt_outs") <> 0`;
  const raw = await prisma.$queryRaw<CountRow[]>`
    SELECT concat_ws('|', ${sql.rawBucket}, ${key}) AS "group",
           count(*)::text || '/' || sum("segments")::text || '/'
             || count("verified_at")::text || '/'
             || count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "sms_replies" r
                                              WHERE r."message_id" = m."id" AND r."opt_out"))::text
             AS counts
      FROM "sms_messages" m
     WHERE NOT "test_number"
     GROUP BY 1`;
  const toMap = (rows: CountRow[]) =>
    Object.fromEntries(rows.map((row) => [row.group, row.counts]));
  return { rollup: toMap(rollup), raw: toMap(raw) };
}

interface CountRow {
  group: string;
  counts: string;
}
