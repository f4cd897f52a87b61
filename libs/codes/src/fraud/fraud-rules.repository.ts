import { Injectable } from '@nestjs/common';
import {
  type FraudRule,
  type FraudRuleKind,
  type FraudRuleMatch,
  Prisma,
  PrismaService,
} from '@app/prisma';
import { FraudRuleExistsError } from './fraud.errors';

export interface NewFraudRule {
  kind: FraudRuleKind;
  match: FraudRuleMatch;
  value: string;
  note: string;
  createdByKind: 'session' | 'api-key';
  createdById: string | null;
  createdBy: string | null;
}

const TRANSACTION = { timeout: 5000 };

/**
 * The fraud_rules table and its version row: each change bumps fraud_rules_version in its own
 * transaction, so a process that reads the version, then the rules, has rules at least that new.
 */
@Injectable()
export class FraudRulesRepository {
  constructor(private readonly prisma: PrismaService) {}

  list(): Promise<FraudRule[]> {
    return this.prisma.fraudRule.findMany({ orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  }

  findById(id: string): Promise<FraudRule | null> {
    return this.prisma.fraudRule.findUnique({ where: { id } });
  }

  async version(): Promise<bigint> {
    const row = await this.prisma.fraudRulesVersion.findUnique({ where: { id: 1 } });
    return row?.version ?? 0n;
  }

  async create(rule: NewFraudRule): Promise<FraudRule> {
    try {
      return await this.prisma.$transaction(async (tx) => {
        const created = await tx.fraudRule.create({ data: rule });
        await this.bump(tx);
        return created;
      }, TRANSACTION);
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
        throw new FraudRuleExistsError();
      }
      throw error;
    }
  }

  /** The rule deleted, or undefined when there was none with this id. */
  delete(id: string): Promise<FraudRule | undefined> {
    return this.prisma.$transaction(async (tx) => {
      const rule = await tx.fraudRule.findUnique({ where: { id } });
      // The count, not the read, decides: a parallel delete of the same rule finds it gone.
      const { count } = await tx.fraudRule.deleteMany({ where: { id } });
      if (!rule || count === 0) return undefined;
      await this.bump(tx);
      return rule;
    }, TRANSACTION);
  }

  private async bump(tx: Prisma.TransactionClient): Promise<void> {
    await tx.fraudRulesVersion.update({ where: { id: 1 }, data: { version: { increment: 1 } } });
  }
}
