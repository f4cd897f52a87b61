import { Module } from '@nestjs/common';
import { SmsCodeStore } from './codes/sms-code.store';
import { SmsNotificationService } from './notifications/sms-notification.service';
import { PhoneNormalizer } from './phone/phone-normalizer';
import { smsProviderRouterProvider } from './providers/sms-providers.factory';
import { SmsMessageRepository } from './records/sms-message.repository';
import { SmsMessageRecorder } from './records/sms-message.recorder';
import { SmsSendChecks } from './send-checks';
import { MessageComposer } from './sending/message-composer';
import { SmsSender } from './sending/sms-sender.service';
import { TestPhoneNumbers } from './sending/test-phone-numbers';
import { SmsSignatureAdminController } from './signatures/sms-signature-admin.controller';
import { SmsSignatureRepository } from './signatures/sms-signature.repository';
import { SmsSignatureService } from './signatures/sms-signature.service';
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
    smsProviderRouterProvider,
    PhoneNormalizer,
    SmsCodeStore,
    TestPhoneNumbers,
    SmsMessageRecorder,
    SmsMessageRepository,
    SmsSignatureRepository,
    SmsTemplateRepository,
    SmsSignatureService,
    SmsTemplateService,
    MessageComposer,
    SmsSender,
    SmsSendChecks,
    SmsCodeService,
    SmsNotificationService,
  ],
  exports: [SmsCodeService, SmsSendChecks, SmsNotificationService],
})
export class SmsModule {}
