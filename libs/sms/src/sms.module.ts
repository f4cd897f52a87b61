import { Module } from '@nestjs/common';
import { SmsCodeStore } from './codes/sms-code.store';
import { smsProvidersProvider } from './providers/sms-providers.factory';
import { SmsMessageRepository } from './records/sms-message.repository';
import { SmsSendChecks } from './send-checks';
import { SmsSender } from './sending/sms-sender.service';
import { SmsCodeController } from './sms-code.controller';
import { SmsCodeService } from './sms-code.service';
import { SmsMessageAdminController } from './sms-message-admin.controller';

@Module({
  controllers: [SmsCodeController, SmsMessageAdminController],
  providers: [
    smsProvidersProvider,
    SmsCodeStore,
    SmsSender,
    SmsSendChecks,
    SmsMessageRepository,
    SmsCodeService,
  ],
  exports: [SmsCodeService, SmsSendChecks],
})
export class SmsModule {}
