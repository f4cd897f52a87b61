import { Injectable } from '@nestjs/common';
import { AppConfigService } from '@app/config';
import { deleteInBatches } from '@app/prisma';
import { PeriodicJob, PeriodicJobHandler, PeriodicJobSummary } from '@app/queue';
import { FraudDecisionsRepository } from './fraud-decisions.repository';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes fraud decisions older than SMS_FRAUD_DECISION_RETENTION_DAYS: an attack writes one
 * row per refused send, so the table grows with attacks, not with users. The budgets do not
 * read it (they live in Redis and are rebuilt from the message records).
 */
@Injectable()
@PeriodicJob('delete-old-fraud-decisions')
export class FraudDecisionRetention implements PeriodicJobHandler {
  constructor(
    private readonly decisions: FraudDecisionsRepository,
    private readonly config: AppConfigService,
  ) {}

  async run(): Promise<PeriodicJobSummary> {
    const days = this.config.get('SMS_FRAUD_DECISION_RETENTION_DAYS');
    const cutoff = new Date(Date.now() - days * DAY_MS);
    const deleted = await deleteInBatches((limit) => this.decisions.deleteBefore(cutoff, limit));
    return { deleted };
  }
}
