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
import { FraudRuleRefresher } from './fraud/fraud-rule-refresher';
import { FraudRuleSet } from './fraud/fraud-rule-set';
import { FraudRulesController } from './fraud/fraud-rules.controller';
import { FraudRulesAdminService } from './fraud/fraud-rules-admin.service';
import { FraudRulesRepository } from './fraud/fraud-rules.repository';
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
  controllers: [SmsCodeController, FraudAdminController, FraudRulesController],
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
    FraudRuleSet,
    FraudRulesRepository,
    FraudRuleRefresher,
    FraudRulesAdminService,
  ],
  exports: [SmsCodeService, SmsSendChecks],
})
export class CodesModule {}
