import { Injectable } from '@nestjs/common';
import { FraudDecisionData, outboxInsert } from '@app/events';
import { FraudDecision, Prisma, PrismaService } from '@app/prisma';
import type { FraudDecisionRow } from './fraud-decision';

export interface FraudDecisionFilter {
  phone?: string;
  country?: string;
  from?: Date;
  to?: Date;
}

@Injectable()
export class FraudDecisionsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * The decisions and their `fraud.decision` events in one statement (so atomic: the outbox).
   * The rows go as one array per column, so the statement has the same shape and parameters
   * whatever the batch's size: Prisma's createMany made a query of its own per batch size, each
   * compiled and its plan kept (some 30 MB under a flood of decisions, `npm run bench`).
   */
  async insertMany(rows: FraudDecisionRow[]): Promise<void> {
    const events: FraudDecisionData[] = rows.map(({ createdAt, ...row }) => ({
      decidedAt: createdAt.toISOString(),
      ...row,
    }));
    const column = <T>(pick: (row: FraudDecisionRow) => T): T[] => rows.map(pick);
    await this.prisma.direct(Prisma.sql`
      WITH decided AS (
        INSERT INTO "fraud_decisions" ("created_at", "phone", "country", "prefix", "client_ip",
          "key_kind", "key_value", "unverified", "budget", "action", "outcome")
        SELECT * FROM unnest(
          ${column((row) => row.createdAt.toISOString())}::timestamptz[],
          ${column((row) => row.phone)}::text[],
          ${column((row) => row.country)}::text[],
          ${column((row) => row.prefix)}::text[],
          ${column((row) => row.clientIp)}::text[],
          ${column((row) => row.keyKind)}::text[],
          ${column((row) => row.keyValue)}::text[],
          ${column((row) => row.unverified)}::int[],
          ${column((row) => row.budget)}::int[],
          ${column((row) => row.action)}::"fraud_action"[],
          ${column((row) => row.outcome)}::"fraud_outcome"[]
        )
      )
      ${outboxInsert(Prisma.sql`
        SELECT 'fraud.decision'::text AS "type", e AS "payload"
          FROM jsonb_array_elements(${JSON.stringify(events)}::jsonb) AS e`)}`);
  }

  /** Deletes up to `limit` decisions made before `cutoff`; returns how many went. */
  deleteBefore(cutoff: Date, limit: number): Promise<number> {
    return this.prisma.$executeRaw`
      DELETE FROM "fraud_decisions" WHERE "id" IN (
        SELECT "id" FROM "fraud_decisions" WHERE "created_at" < ${cutoff}
         LIMIT ${limit} FOR UPDATE SKIP LOCKED
      )`;
  }

  /** The newest first, `limit` of them, before the id `before` when given (keyset paging). */
  list(filter: FraudDecisionFilter, limit: number, before?: bigint): Promise<FraudDecision[]> {
    const where: Prisma.FraudDecisionWhereInput = {
      phone: filter.phone,
      country: filter.country,
      createdAt: { gte: filter.from, lt: filter.to },
      ...(before !== undefined ? { id: { lt: before } } : {}),
    };
    return this.prisma.fraudDecision.findMany({ where, orderBy: { id: 'desc' }, take: limit });
  }
}
