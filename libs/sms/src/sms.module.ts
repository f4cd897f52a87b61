import { Module } from '@nestjs/common';
import { SmsCodeStore } from './codes/sms-code.store';
import { SmsNotificationService } from './notifications/sms-notification.service';
import { PhoneNormalizer } from './phone/phone-normalizer';
import { smsProviderRouterProvider } from './providers/sms-providers.factory';
import { ReceiptTokenGuard } from './receipts/receipt-token.guard';
import { SmsReceiptController } from './receipts/sms-receipt.controller';
import { SmsReceiptService } from './receipts/sms-receipt.service';
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
import { SmsStatsController } from './stats/sms-stats.controller';
import { SmsStatsRepository } from './stats/sms-stats.repository';
import { SmsStatsService } from './stats/sms-stats.service';
import { SmsTemplateAdminController } from './templates/sms-template-admin.controller';
import { SmsCatalogCache } from './templates/sms-catalog-cache';
import { SmsTemplateRepository } from './templates/sms-template.repository';
import { SmsTemplateService } from './templates/sms-template.service';

@Module({
  controllers: [
    SmsCodeController,
    SmsMessageAdminController,
    SmsSignatureAdminController,
    SmsTemplateAdminController,
    SmsReceiptController,
    SmsStatsController,
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
    SmsCatalogCache,
    SmsSignatureService,
    SmsTemplateService,
    MessageComposer,
    SmsSender,
    SmsSendChecks,
    SmsCodeService,
    SmsNotificationService,
    SmsReceiptService,
    ReceiptTokenGuard,
    SmsStatsRepository,
    SmsStatsService,
  ],
  exports: [SmsCodeService, SmsSendChecks, SmsNotificationService],
})
export class SmsModule {}
