import { Module } from '@nestjs/common';
import { DeliveryModule } from '@app/delivery';
import { MetricsModule } from '@app/metrics';
import { PhoneModule } from '@app/phone';
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
  controllers: [SmsCodeController],
  providers: [SmsCodeStore, SmsSendChecks, SmsCodeService],
  exports: [SmsCodeService, SmsSendChecks],
})
export class CodesModule {}
