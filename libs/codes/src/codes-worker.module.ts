import { Module } from '@nestjs/common';
import { MaintenanceWorkerModule } from '@app/queue';
import { FraudDecisionRetention } from './fraud/fraud-decision-retention';
import { FraudDecisionsRepository } from './fraud/fraud-decisions.repository';

/** The codes library's jobs: the retention of the fraud guard's decisions. */
@Module({
  imports: [MaintenanceWorkerModule],
  providers: [FraudDecisionsRepository, FraudDecisionRetention],
})
export class CodesWorkerModule {}
