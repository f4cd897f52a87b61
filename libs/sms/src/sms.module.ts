import { Module } from '@nestjs/common';
import { SmsCodeStore } from './codes/sms-code.store';
import { smsProvidersProvider } from './providers/sms-providers.factory';
import { SmsMessageRepository } from './records/sms-message.repository';
import { SmsSendChecks } from './send-checks';
import { SmsSignatureAdminController } from './signatures/sms-signature-admin.controller';
import { SmsSignatureRepository } from './signatures/sms-signature.repository';
import { SmsSignatureService } from './signatures/sms-signature.service';
import { SmsSender } from './sending/sms-sender.service';
import { SmsCodeController } from './sms-code.controller';
import { SmsCodeService } from './sms-code.service';
import { SmsMessageAdminController } from './sms-message-admin.controller';
import { SmsTemplateAdminController } from './templates/sms-template-admin.controller';
import { SmsTemplateRepository } from './templates/sms-template.repository';
import { SmsTemplateService } from './templates/sms-template.service';

@Module({
  controllers: [
    SmsCodeController,
    SmsMessageAdminController,
    SmsSignatureAdminController,
    SmsTemplateAdminController,
  ],
  providers: [
    smsProvidersProvider,
    SmsCodeStore,
    SmsSender,
    SmsSendChecks,
    SmsMessageRepository,
    SmsCodeService,
    SmsSignatureRepository,
    SmsSignatureService,
    SmsTemplateRepository,
    SmsTemplateService,
  ],
  exports: [SmsCodeService, SmsSendChecks],
})
export class SmsModule {}
