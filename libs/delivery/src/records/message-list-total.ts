import { Prisma, PrismaService } from '@app/prisma';
import type { SmsMessageFilter } from './sms-message.repository';

/**
 * Up to this many matching records the list's total is counted exactly; past it the planner's
 * estimate is given, flagged. Counting 10,001 rows through an index takes milliseconds;
 * counting 50 million (the list without a filter) took 20 s (docs/partitioning.md).
 */
export const EXACT_TOTAL_UP_TO = 10_000;

export interface ListTotal {
  total: number;
  /** The total is PostgreSQL's estimate (over EXACT_TOTAL_UP_TO matches), not a count. */
  totalIsEstimate: boolean;
}

/** The list's filter in SQL, the same conditions as its Prisma `where`. */
function filterSql(filter: SmsMessageFilter): Prisma.Sql {
  const conditions: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (filter.phone !== undefined) conditions.push(Prisma.sql`"phone" = ${filter.phone}`);
  if (filter.status !== undefined) {
    conditions.push(Prisma.sql`"status" = ${filter.status}::"sms_message_status"`);
  }
  if (filter.from !== undefined) conditions.push(Prisma.sql`"created_at" >= ${filter.from}`);
  if (filter.to !== undefined) conditions.push(Prisma.sql`"created_at" < ${filter.to}`);
  if (filter.campaignId !== undefined) {
    conditions.push(Prisma.sql`"campaign_id" = ${filter.campaignId}::uuid`);
  }
  return Prisma.join(conditions, ' AND ');
}

/**
 * How many records match: counted up to EXACT_TOTAL_UP_TO + 1 (a bounded index scan), and past
 * that the planner's row estimate (the partitions' statistics, refreshed by autovacuum's
 * ANALYZE), never below the rows counted. Bounded time whatever the table's size.
 */
export async function messageListTotal(
  prisma: PrismaService,
  filter: SmsMessageFilter,
): Promise<ListTotal> {
  const where = filterSql(filter);
  const [counted] = await prisma.$queryRaw<Array<{ n: number }>>`
    SELECT count(*)::int AS n
      FROM (SELECT 1 FROM "sms_messages" WHERE ${where} LIMIT ${EXACT_TOTAL_UP_TO + 1}) AS capped`;
  if (counted.n <= EXACT_TOTAL_UP_TO) return { total: counted.n, totalIsEstimate: false };
  const [plan] = await prisma.$queryRaw<Array<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>>`
    EXPLAIN (FORMAT JSON) SELECT 1 FROM "sms_messages" WHERE ${where}`;
  const estimate = Math.round(plan['QUERY PLAN'][0]?.Plan['Plan Rows'] ?? 0);
  return { total: Math.max(estimate, counted.n), totalIsEstimate: true };
}

interface PlanNode {
  'Plan Rows': number;
}
