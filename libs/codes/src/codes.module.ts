import { Module } from '@nestjs/common';
import { DeliveryModule } from '@app/delivery';
import { MetricsModule } from '@app/metrics';
import { PhoneModule } from '@app/phone';
import { FraudAdminController } from './fraud/fraud-admin.controller';
import { FraudAdminService } from './fraud/fraud-admin.service';
import { FraudBudgetSeeder } from './fraud/fraud-budget.seeder';
import { FraudDecisionRecorder } from './fraud/fraud-decision.recorder';
import { FraudDecisionsRepository } from './fraud/fraud-decisions.repository';
import { FraudGuard } from './fraud/fraud-guard';
import { FraudKeys } from './fraud/fraud-keys';
import { SmsSendChecks } from './send-checks';
import { SmsCodeController } from './sms-code.controller';
import { SmsCodeService } from './sms-code.service';
import { SmsCodeStore } from './store/sms-code.store';

/**
 * Verification codes: their life in Redis (limits, tries, purposes), the checks a send
 * passes, and the code routes. A code is handed to delivery to be sent.
 */
@Module({
  imports: [DeliveryModule, PhoneModule, MetricsModule],
  controllers: [SmsCodeController, FraudAdminController],
  providers: [
    SmsCodeStore,
    SmsSendChecks,
    SmsCodeService,
    FraudKeys,
    FraudGuard,
    FraudDecisionsRepository,
    FraudDecisionRecorder,
    FraudAdminService,
    FraudBudgetSeeder,
  ],
  exports: [SmsCodeService, SmsSendChecks],
})
export class CodesModule {}
