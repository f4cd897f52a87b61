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

  /** The decisions and their `fraud.decision` events, in one transaction (the outbox). */
  async insertMany(rows: FraudDecisionRow[]): Promise<void> {
    const events: FraudDecisionData[] = rows.map(({ createdAt, ...row }) => ({
      decidedAt: createdAt.toISOString(),
      ...row,
    }));
    await this.prisma.$transaction([
      this.prisma.fraudDecision.createMany({ data: rows }),
      this.prisma.$executeRaw`${outboxInsert(Prisma.sql`
        SELECT 'fraud.decision'::text AS "type", e AS "payload"
          FROM jsonb_array_elements(${JSON.stringify(events)}::jsonb) AS e`)}`,
    ]);
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
