import { Injectable } from '@nestjs/common';
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

  async insertMany(rows: FraudDecisionRow[]): Promise<void> {
    await this.prisma.fraudDecision.createMany({ data: rows });
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
