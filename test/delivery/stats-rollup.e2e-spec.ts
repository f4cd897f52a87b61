import { randomUUID } from 'node:crypto';
import { Prisma, PrismaService } from '@app/prisma';
import { SmsStatsFold } from '../../libs/delivery/src/stats/sms-stats-fold';
import { createIsolatedDatabase, IsolatedDatabase } from '../support/isolated-database';
import { expectRollupsEqualRaw } from '../support/stats-rollup';
import { startTestApp, TestApp } from '../support/test-app';
import { adminApi, AdminApi } from '../templates/catalog-api';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
const RECEIPT_TOKEN = 'stats-rollup-receipt-token-01';
const DIMENSIONS = [
  'day',
  'template',
  'signature',
  'provider',
  'status',
  'region',
  'channel',
  'campaign',
] as const;
const COUNTS = [
  'messages',
  'sent',
  'delivered',
  'undelivered',
  'unknown',
  'failed',
  'segments',
  'codesSent',
  'codesVerified',
  'optOuts',
] as const;

type Counts = Record<(typeof COUNTS)[number], number>;
type Group = Counts & { key: string | null };

/** The stats straight from sms_messages: the query the stats API ran before the rollup. */
const RAW_KEYS: Record<(typeof DIMENSIONS)[number], string> = {
  day: `to_char("created_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD')`,
  template: `"template_name"`,
  signature: `"signature"`,
  provider: `"provider"`,
  status: `"status"::text`,
  region: `"region"`,
  channel: `"channel"::text`,
  campaign: `"campaign_id"::text`,
};

async function rawStats(
  prisma: PrismaService,
  from: Date,
  to: Date,
  groupBy: (typeof DIMENSIONS)[number],
): Promise<Group[]> {
  const rows = await prisma.$queryRawUnsafe<Array<Record<string, bigint | string | null>>>(
    `SELECT ${RAW_KEYS[groupBy]} AS key,
            count(*) AS messages,
            count(*) FILTER (WHERE "status" = 'sent') AS sent,
            count(*) FILTER (WHERE "status" = 'delivered') AS delivered,
            count(*) FILTER (WHERE "status" = 'undelivered') AS undelivered,
            count(*) FILTER (WHERE "status" = 'unknown') AS unknown,
            count(*) FILTER (WHERE "status" = 'failed') AS failed,
            coalesce(sum("segments") FILTER (WHERE "status" <> 'failed'), 0)::bigint AS segments,
            count(*) FILTER (WHERE "kind" = 'verification' AND "status" <> 'failed') AS "codesSent",
            count(*) FILTER (WHERE "kind" = 'verification' AND "verified_at" IS NOT NULL)
              AS "codesVerified",
            count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "sms_replies" r
                                            WHERE r."message_id" = m."id" AND r."opt_out"))
              AS "optOuts"
       FROM "sms_messages" m
      WHERE "created_at" >= $1 AND "created_at" < $2 AND NOT "test_number"
      GROUP BY 1 ORDER BY 1 NULLS LAST`,
    from,
    to,
  );
  return rows.map((row) => ({
    key: row.key as string | null,
    ...(Object.fromEntries(COUNTS.map((name) => [name, Number(row[name])])) as Counts),
  }));
}

const pick = (group: Group): Group => ({
  key: group.key,
  ...(Object.fromEntries(COUNTS.map((name) => [name, group[name]])) as Counts),
});

/**
 * The stats' hourly, daily and monthly rollups and the day totals (migrations 20261228000000,
 * 20261231000000, 20270104000000, 20270105000000; the `day` grouping reads whole days from the
 * day totals) on generated records: whatever writes do (inserts from several connections at
 * once, receipts moving sent to delivered or undelivered, the same receipts twice at once, codes
 * verified, opt-out replies, deletes, days rebuilt or forgotten), the stats API answers exactly
 * what sms_messages gives for ranges cut at months, days, hours, minutes and time-zone offsets,
 * before and after the fold.
 */
describe('Stats from the hourly, daily and monthly rollups and the day totals', () => {
  let database: IsolatedDatabase;
  let service: TestApp;
  let admin: AdminApi;
  let prisma: PrismaService;
  const today = new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS);
  const wholeDays = {
    from: new Date(today.getTime() - 4 * DAY_MS),
    to: new Date(today.getTime() + DAY_MS),
  };
  const campaigns = [randomUUID(), randomUUID()];

  const after = (ms: number) => new Date(today.getTime() + ms);
  /** The first instant of the UTC month `back` months before this one, moved by `ms`. */
  const month = (back: number, ms = 0) =>
    new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - back, 1) + ms);
  /**
   * Ranges cut at every kind of place (stats-range.ts): whole UTC days (daily rollup only);
   * whole hours (daily + hourly); the default "last 30 days" shape, cut at half past (daily,
   * hourly and two raw half hours, which start on a generated record's minute); whole local days
   * of Asia/Shanghai (+08:00, no raw row) and of Asia/Kolkata (+05:30); 24 hours cut mid-minute;
   * under an hour across an hour (all raw); whole hours across midnight (all hourly); then
   * ranges over months (records of past months are written by the last tests): two whole UTC
   * months with ragged days, hours and minutes on both sides (monthly, daily, hourly, raw); whole
   * UTC months only; whole local months of Asia/Shanghai (one whole UTC month, the days after
   * it, 8 hours before and 16 after); 31 whole days across a month's end (no whole month: all daily).
   */
  const ranges = [
    wholeDays,
    { from: after(-2.5 * DAY_MS), to: after(0.75 * DAY_MS) },
    { from: after(-3 * DAY_MS + 8.5 * HOUR_MS), to: after(8.5 * HOUR_MS) },
    { from: after(-3 * DAY_MS - 8 * HOUR_MS), to: after(-8 * HOUR_MS) },
    { from: after(-3 * DAY_MS - 5.5 * HOUR_MS), to: after(-5.5 * HOUR_MS) },
    { from: after(-DAY_MS + 14 * HOUR_MS + 1_043_456), to: after(14 * HOUR_MS + 1_043_456) },
    { from: after(-DAY_MS + 10.75 * HOUR_MS), to: after(-DAY_MS + 11.5 * HOUR_MS) },
    { from: after(-2 * DAY_MS + 20 * HOUR_MS), to: after(-DAY_MS + 10 * HOUR_MS) },
    {
      from: month(3, -2 * DAY_MS - 5.5 * HOUR_MS + 1_043_456),
      to: month(0, DAY_MS + 8.5 * HOUR_MS + 517),
    },
    { from: month(4), to: month(1) },
    { from: month(3, -8 * HOUR_MS), to: month(1, -8 * HOUR_MS) },
    { from: month(2, -12 * DAY_MS), to: month(2, 19 * DAY_MS) },
  ];

  /** Every range and grouping of the API against the raw query; the rollups and day totals against raw. */
  async function expectStatsEqualRaw(): Promise<void> {
    for (const range of ranges) {
      for (const groupBy of DIMENSIONS) {
        const answer = await admin
          .get('/v1/admin/sms/stats', {
            from: range.from.toISOString(),
            to: range.to.toISOString(),
            groupBy,
          })
          .expect(200);
        const groups = (answer.body.groups as Group[]).map(pick);
        expect({ groupBy, range, groups }).toEqual({
          groupBy,
          range,
          groups: await rawStats(prisma, range.from, range.to, groupBy),
        });
      }
    }
    await expectRollupsEqualRaw(prisma);
  }

  /** `count` generated records of day `daysAgo`, spread over it, in one INSERT through sms_messages. */
  const generate = (daysAgo: number, count: number, seed: number) =>
    prisma.$executeRaw`
      INSERT INTO "sms_messages" ("id", "phone", "purpose", "provider", "provider_message_id",
        "status", "content", "segments", "created_at", "kind", "channel", "template_name",
        "signature", "region", "test_number", "campaign_id")
      SELECT gen_random_uuid(), '+86138' || lpad((${seed} * 100000 + g)::text, 8, '0'), 'login',
             (ARRAY['tencent', 'aliyun'])[1 + g % 2], 'gen-' || ${seed} || '-' || g,
             (ARRAY['sent', 'sent', 'sent', 'delivered', 'failed', 'unknown', 'queued'])[1 + g % 7]::"sms_message_status",
             'text', 1 + g % 3,
             ${today}::timestamptz - ${daysAgo} * interval '1 day' + (g % 1440) * interval '1 minute',
             (CASE WHEN g % 4 = 0 THEN 'notification' ELSE 'verification' END)::"sms_template_kind",
             (CASE WHEN g % 9 = 0 THEN 'voice' ELSE 'sms' END)::"message_channel",
             CASE WHEN g % 5 = 0 THEN NULL ELSE 'template_' || g % 3 END,
             (ARRAY['Acme', 'Brand', NULL])[1 + g % 3], (ARRAY['CN', 'US', NULL])[1 + g % 3],
             g % 50 = 0, CASE WHEN g % 6 = 0 THEN ${campaigns[seed % campaigns.length]}::uuid END
        FROM generate_series(1, ${count}) AS g`;

  /** Tencent SMS receipts for generated records, as Tencent posts them. */
  const receipts = (sids: string[], status: 'SUCCESS' | 'FAIL') =>
    service
      .http()
      .post('/v1/sms/receipts/tencent')
      .query({ token: RECEIPT_TOKEN })
      .send(
        sids.map((sid) => ({
          sid,
          report_status: status,
          errmsg: status === 'SUCCESS' ? 'DELIVRD' : 'UNDELIV',
        })),
      )
      .expect(200);

  beforeAll(async () => {
    database = await createIsolatedDatabase();
    service = await startTestApp({ DATABASE_URL: database.url, SMS_RECEIPT_TOKEN: RECEIPT_TOKEN });
    admin = adminApi(service);
    prisma = service.app.get(PrismaService);
    // Four days and today, written by four connections at once.
    await Promise.all([
      generate(3, 700, 1),
      generate(2, 700, 2),
      generate(1, 700, 3),
      generate(0, 700, 4),
    ]);
    await generate(3, 300, 5);
  });

  afterAll(async () => {
    await service?.close();
    await database?.drop();
  });

  it('answers what sms_messages gives for generated records, by every grouping', async () => {
    const pending = await prisma.$queryRaw<Array<{ n: number }>>`
      SELECT count(*)::int AS n FROM "sms_message_stats_changes"`;
    expect(pending[0].n).toBeGreaterThan(0);
    await expectStatsEqualRaw();
    const [{ messages }] = await prisma.$queryRaw<Array<{ messages: number }>>`
      SELECT count(*)::int AS messages FROM "sms_messages" WHERE NOT "test_number"`;
    const totals = await admin
      .get('/v1/admin/sms/stats', {
        from: wholeDays.from.toISOString(),
        to: wholeDays.to.toISOString(),
      })
      .expect(200);
    expect(totals.body.totals.messages).toBe(messages);
  });

  it('moves counts with receipts (twice, at once), verifications, opt-out replies and deletes', async () => {
    const sids = await prisma.$queryRaw<Array<{ sid: string; status: string }>>`
      SELECT "provider_message_id" AS sid, "status"::text AS status FROM "sms_messages"
       WHERE "provider" = 'tencent' AND "channel" = 'sms' AND "status" IN ('sent', 'unknown')
       ORDER BY "provider_message_id" LIMIT 400`;
    expect(sids.length).toBe(400);
    const delivered = sids.slice(0, 300).map((row) => row.sid);
    const undelivered = sids.slice(300).map((row) => row.sid);
    // The same receipts posted twice at once (a provider's retry meeting the first post).
    await Promise.all([
      receipts(delivered.slice(0, 150), 'SUCCESS'),
      receipts(delivered.slice(0, 150), 'SUCCESS'),
      receipts(delivered.slice(150), 'SUCCESS'),
      receipts(undelivered, 'FAIL'),
      receipts(undelivered, 'FAIL'),
    ]);
    // A receipt after another: delivered, then a late undelivered for some.
    await receipts(delivered.slice(0, 20), 'FAIL');
    const [{ n: deliveredNow }] = await prisma.$queryRaw<Array<{ n: number }>>`
      SELECT count(*)::int AS n FROM "sms_messages" WHERE "provider_message_id" = ANY(${delivered})
         AND "status" = 'delivered'`;
    expect(deliveredNow).toBe(280);

    // Codes verified, from two connections at once; opt-out replies, two for some messages.
    await Promise.all([
      prisma.$executeRaw`UPDATE "sms_messages" SET "verified_at" = now()
        WHERE "kind" = 'verification' AND "status" <> 'failed' AND right("phone", 1) = '3'`,
      prisma.$executeRaw`UPDATE "sms_messages" SET "verified_at" = now()
        WHERE "kind" = 'verification' AND "status" <> 'failed' AND right("phone", 1) = '7'`,
    ]);
    const reply = (suffix: string, text: string) => prisma.$executeRaw`
      INSERT INTO "sms_replies" ("id", "provider", "dedupe_key", "phone", "text", "opt_out",
        "message_id", "replied_at")
      SELECT gen_random_uuid(), 'tencent', ${text} || "id", "phone", ${text}, ${text} <> 'ok',
             "id", now()
        FROM "sms_messages" WHERE right("phone", 2) = ${suffix}`;
    await Promise.all([reply('11', 'TD'), reply('11', 'R'), reply('12', 'TD'), reply('13', 'ok')]);
    // A status changed after its opt-out reply moves the opt-out with it.
    await prisma.$executeRaw`UPDATE "sms_messages" SET "status" = 'delivered'
      WHERE right("phone", 2) = '11' AND "status" = 'sent'`;
    // Deleted records leave the counts.
    await prisma.$executeRaw`DELETE FROM "sms_messages" WHERE right("phone", 2) = '99'`;
    await expectStatsEqualRaw();
  });

  it('still answers the same once the changes are folded, and after more writes', async () => {
    const fold = service.app.get(SmsStatsFold, { strict: false });
    expect(await fold.run()).toEqual({ folded: expect.any(Number) });
    const pending = await prisma.$queryRaw<Array<{ n: number }>>`
      SELECT count(*)::int AS n FROM "sms_message_stats_changes"`;
    expect(pending[0].n).toBe(0);
    // Groups that the receipts and deletes left at zero are gone from the rollups and the day
    // totals.
    const zeros = await prisma.$queryRaw<Array<{ n: number }>>`
      SELECT (SELECT count(*) FROM "sms_message_daily" WHERE "messages" = 0 AND "segments" = 0
                 AND "verified" = 0 AND "opt_outs" = 0)::int
           + (SELECT count(*) FROM "sms_message_hourly" WHERE "messages" = 0 AND "segments" = 0
                 AND "verified" = 0 AND "opt_outs" = 0)::int
           + (SELECT count(*) FROM "sms_message_day_totals" WHERE "messages" = 0
                 AND "segments" = 0 AND "verified" = 0 AND "opt_outs" = 0)::int AS n`;
    expect(zeros[0].n).toBe(0);
    // The folded days are in the day totals, which the `day` grouping reads for whole days.
    const [{ days }] = await prisma.$queryRaw<Array<{ days: number }>>`
      SELECT count(DISTINCT "day")::int AS days FROM "sms_message_day_totals"`;
    expect(days).toBeGreaterThan(1);
    await expectStatsEqualRaw();
    // Folded rows plus new pending changes.
    await prisma.$executeRaw`UPDATE "sms_messages" SET "status" = 'undelivered'
      WHERE "status" = 'delivered' AND right("phone", 1) = '5'`;
    await generate(0, 100, 6);
    await expectStatsEqualRaw();
  });

  it('moves counts within their hours for receipts of messages of many hours, folded or not', async () => {
    // Receipts for a sent message of each hour of a day, in one post (changes of 24 hours at
    // once), then late failures for some after a fold.
    await generate(2, 1440, 8);
    const sids = await prisma.$queryRaw<Array<{ sid: string; hour: string }>>`
      SELECT DISTINCT ON (date_trunc('hour', "created_at", 'UTC'))
             "provider_message_id" AS sid, date_trunc('hour', "created_at", 'UTC')::text AS hour
        FROM "sms_messages"
       WHERE "provider" = 'tencent' AND "channel" = 'sms' AND "status" = 'sent'
         AND "created_at" >= ${after(-2 * DAY_MS)} AND "created_at" < ${after(-DAY_MS)}
       ORDER BY date_trunc('hour', "created_at", 'UTC'), "provider_message_id"`;
    expect(sids.length).toBe(24);
    await receipts(
      sids.map((row) => row.sid),
      'SUCCESS',
    );
    await expectStatsEqualRaw();
    const fold = service.app.get(SmsStatsFold, { strict: false });
    await fold.run();
    await receipts(
      sids.filter((_, index) => index % 3 === 0).map((row) => row.sid),
      'FAIL',
    );
    await expectStatsEqualRaw();
  });

  it('takes a range written in Asia/Shanghai time (+08:00) as the same instants', async () => {
    const localDay = (daysAgo: number) =>
      new Date(today.getTime() - daysAgo * DAY_MS).toISOString().slice(0, 10);
    const from = `${localDay(3)}T00:00:00+08:00`;
    const to = `${localDay(0)}T00:00:00+08:00`;
    const answer = await admin.get('/v1/admin/sms/stats', { from, to, groupBy: 'day' }).expect(200);
    expect(answer.body.from).toBe(new Date(from).toISOString());
    expect((answer.body.groups as Group[]).map(pick)).toEqual(
      await rawStats(prisma, new Date(from), new Date(to), 'day'),
    );
    // From 16:00 UTC of the day before the first local day; the generated records of a day fill
    // its first hours (UTC), so the first UTC day of the range has none.
    expect(answer.body.groups.map((group: Group) => group.key)).toEqual([
      localDay(3),
      localDay(2),
      localDay(1),
    ]);
  });

  it('lists messages with an exact total up to 10,000 matches and an estimate flagged past it', async () => {
    await generate(1, 10_500, 7);
    await prisma.$executeRaw`ANALYZE "sms_messages"`;
    const [{ n: all }] = await prisma.$queryRaw<Array<{ n: number }>>`
      SELECT count(*)::int AS n FROM "sms_messages"`;
    const unfiltered = await admin.get('/v1/admin/sms/messages', { pageSize: '5' }).expect(200);
    expect(unfiltered.body.items).toHaveLength(5);
    expect(unfiltered.body.totalIsEstimate).toBe(true);
    expect(unfiltered.body.total).toBeGreaterThan(10_000);
    // ANALYZE sampled every row of a table this small: the estimate is the count, give or take.
    expect(Math.abs(unfiltered.body.total - all) / all).toBeLessThan(0.05);

    // A bounded filter counts exactly.
    const day = new Date(today.getTime() - 2 * DAY_MS);
    const [{ n: failedThatDay }] = await prisma.$queryRaw<Array<{ n: number }>>`
      SELECT count(*)::int AS n FROM "sms_messages" WHERE "status" = 'failed'
         AND "created_at" >= ${day} AND "created_at" < ${new Date(day.getTime() + DAY_MS)}`;
    expect(failedThatDay).toBeGreaterThan(0);
    const filtered = await admin
      .get('/v1/admin/sms/messages', {
        status: 'failed',
        from: day.toISOString(),
        to: new Date(day.getTime() + DAY_MS).toISOString(),
      })
      .expect(200);
    expect(filtered.body).toMatchObject({ total: failedThatDay, totalIsEstimate: false });
  });

  it('answers ranges over months from the monthly rollup, before and after the fold', async () => {
    // Records of the days that the month ranges cut at: the last and first days of months,
    // days inside whole months, the partial days at the ranges' ends; by three connections.
    const daysAgo = (at: Date) => Math.round((today.getTime() - at.getTime()) / DAY_MS);
    const days = [
      month(4, 3 * DAY_MS),
      month(3, -3 * DAY_MS),
      month(3, -DAY_MS),
      month(3),
      month(3, 17 * DAY_MS),
      month(2, -DAY_MS),
      month(2, 9 * DAY_MS),
      month(1, -DAY_MS),
      month(1),
      month(0),
    ];
    const writers = [0, 1, 2].map(async (writer) => {
      for (let d = writer; d < days.length; d += 3) await generate(daysAgo(days[d]), 400, 11 + d);
    });
    await Promise.all(writers);
    await expectStatsEqualRaw();

    const fold = service.app.get(SmsStatsFold, { strict: false });
    await fold.run();
    // Changes of folded months: receipts moving statuses, codes verified, opt-outs, deletes.
    const old = Prisma.sql`"created_at" < ${month(0)}`;
    await prisma.$executeRaw`UPDATE "sms_messages" SET "status" = 'delivered'
      WHERE ${old} AND "status" = 'sent' AND right("phone", 1) IN ('1', '4')`;
    await prisma.$executeRaw`UPDATE "sms_messages" SET "verified_at" = "created_at"
      WHERE ${old} AND "kind" = 'verification' AND right("phone", 1) = '2'`;
    await prisma.$executeRaw`
      INSERT INTO "sms_replies" ("id", "provider", "dedupe_key", "phone", "text", "opt_out",
        "message_id", "replied_at")
      SELECT gen_random_uuid(), 'tencent', 'month-TD' || "id", "phone", 'TD', true, "id", now()
        FROM "sms_messages" WHERE ${old} AND right("phone", 2) = '21'`;
    await prisma.$executeRaw`DELETE FROM "sms_messages" WHERE ${old} AND right("phone", 2) = '98'`;
    await expectStatsEqualRaw();
    await fold.run();
    await expectStatsEqualRaw();
  });

  it('keeps the months and day totals whole when days inside them are rebuilt or forgotten', async () => {
    // Days cut mid-month on both sides, so that the months are partly recomputed.
    const fromDay = month(3, 10 * DAY_MS);
    const toDay = month(2, 12 * DAY_MS);
    const asDate = (at: Date) => at.toISOString().slice(0, 10);
    // Day totals of the rebuilt days made wrong (and one of them lost), which the rebuild sums
    // again from the daily rows.
    const spoiled = await prisma.$executeRaw`UPDATE "sms_message_day_totals"
      SET "messages" = "messages" + 7, "opt_outs" = "opt_outs" + 1
      WHERE "day" >= ${asDate(fromDay)}::date AND "day" < ${asDate(toDay)}::date`;
    expect(spoiled).toBeGreaterThan(0);
    await prisma.$executeRaw`DELETE FROM "sms_message_day_totals"
      WHERE "day" = ${asDate(fromDay)}::date + 17`;
    await prisma.$queryRaw`SELECT "sms_message_daily_rebuild"(${asDate(fromDay)}::date,
      ${asDate(toDay)}::date)::text`;
    await expectStatsEqualRaw();
    // What retention does for a dropped month, here for days of the default partition: their
    // rows go without the triggers (named by partition), the rollups forget the same days.
    await prisma.$transaction([
      prisma.$executeRaw`DELETE FROM "sms_messages_default"
        WHERE "created_at" >= ${fromDay} AND "created_at" < ${toDay}`,
      prisma.$queryRaw`SELECT "sms_message_daily_forget"(${asDate(fromDay)}::date,
        ${asDate(toDay)}::date)::text`,
    ]);
    const [{ n: left }] = await prisma.$queryRaw<Array<{ n: number }>>`
      SELECT count(*)::int AS n FROM "sms_messages"
       WHERE "created_at" >= ${fromDay} AND "created_at" < ${toDay}`;
    expect(left).toBe(0);
    await expectStatsEqualRaw();
  });
});
