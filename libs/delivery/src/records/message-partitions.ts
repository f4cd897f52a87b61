import { Injectable } from '@nestjs/common';
import { Prisma, PrismaService } from '@app/prisma';

/**
 * Dropping a month waits at most this long for its lock (the table's readers and writers hold
 * theirs briefly): a job queued behind a long query would stall every writer queued behind it.
 */
const DROP_LOCK_TIMEOUT = '5s';

/** The month partitions of `sms_messages`, in SQL (see message-months.ts for the names). */
@Injectable()
export class MessagePartitions {
  constructor(private readonly prisma: PrismaService) {}

  /** Creates the partition of the month holding `month` unless it exists; answers whether it did. */
  async addMonth(month: Date): Promise<boolean> {
    const rows = await this.prisma.$queryRaw<Array<{ created: boolean }>>`
      SELECT "sms_messages_add_month"(${month}::timestamptz) AS created`;
    return rows[0]?.created === true;
  }

  /** The names of the tables attached to `sms_messages`. */
  async list(): Promise<string[]> {
    const rows = await this.prisma.$queryRaw<Array<{ name: string }>>`
      SELECT c.relname AS name
        FROM pg_inherits i
        JOIN pg_class c ON c.oid = i.inhrelid
       WHERE i.inhparent = to_regclass('sms_messages')
       ORDER BY 1`;
    return rows.map((row) => row.name);
  }

  /**
   * Detaches and drops one month, in one transaction: its rows go at once, without a DELETE
   * (which fires no trigger, so the month's days of the stats rollup go in the same
   * transaction: the stats keep equal to the records).
   */
  async drop(month: { name: string; from: Date; to: Date }): Promise<void> {
    const table = `"${month.name.replace(/"/g, '""')}"`;
    const fromDay = Prisma.sql`(${month.from}::timestamptz AT TIME ZONE 'UTC')::date`;
    const toDay = Prisma.sql`(${month.to}::timestamptz AT TIME ZONE 'UTC')::date`;
    await this.prisma.$transaction([
      this.prisma.$executeRawUnsafe(`SET LOCAL lock_timeout = '${DROP_LOCK_TIMEOUT}'`),
      this.prisma.$executeRawUnsafe(`ALTER TABLE "sms_messages" DETACH PARTITION ${table}`),
      this.prisma.$executeRawUnsafe(`DROP TABLE ${table}`),
      this.prisma.$queryRaw`SELECT "sms_message_daily_forget"(${fromDay}, ${toDay})::text`,
    ]);
  }

  /**
   * Deletes up to `limit` rows older than `cutoff` from the default partition. The DELETE names
   * sms_messages, not the partition, so that the stats rollup's triggers see it.
   */
  deleteDefaultBatch(cutoff: Date, limit: number): Promise<number> {
    return this.prisma.$executeRaw`
      DELETE FROM "sms_messages" WHERE "created_at" < ${cutoff} AND ("id", "created_at") IN (
        SELECT "id", "created_at" FROM "sms_messages_default" WHERE "created_at" < ${cutoff}
        LIMIT ${limit} FOR UPDATE SKIP LOCKED
      )`;
  }
}
