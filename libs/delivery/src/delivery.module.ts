import { Module } from '@nestjs/common';
import { EventsModule } from '@app/events';
import { MetricsModule } from '@app/metrics';
import { PhoneModule } from '@app/phone';
import { ConversionReportRunner } from './conversions/conversion-report.runner';
import { ConversionReporter } from './conversions/conversion-reporter.service';
import { CampaignAdminController } from './campaigns/campaign-admin.controller';
import { CampaignBatchSender } from './campaigns/campaign-batch-sender';
import { CampaignClock } from './campaigns/campaign-clock';
import { CampaignEnding } from './campaigns/campaign-ending';
import { CampaignMessages } from './campaigns/campaign-messages';
import { CampaignPreviewService } from './campaigns/campaign-preview.service';
import { CampaignQueue } from './campaigns/campaign-queue';
import { CampaignRecipientRepository } from './campaigns/campaign-recipient.repository';
import { CampaignRecipientsController } from './campaigns/campaign-recipients.controller';
import { CampaignResultsController } from './campaigns/campaign-results.controller';
import { CampaignRunner } from './campaigns/campaign-runner';
import { CampaignRepository } from './campaigns/campaign.repository';
import { CampaignService } from './campaigns/campaign.service';
import { RecipientUploadService } from './campaigns/recipient-upload.service';
import { CodeDelivery } from './code-delivery.service';
import { SmsNotificationService } from './notifications/sms-notification.service';
import { MessageQueue } from './queue/message-queue';
import { RecordsInFlight } from './queue/records-in-flight';
import {
  smsProviderRouterProvider,
  voiceProviderRouterProvider,
} from './providers/sms-providers.factory';
import { MessageLookup } from './records/message-lookup';
import { ReceiptTokenGuard } from './receipts/receipt-token.guard';
import { CallResultController } from './receipts/call-result.controller';
import { SmsReceiptController } from './receipts/sms-receipt.controller';
import { SmsReceiptService } from './receipts/sms-receipt.service';
import { SmsMessageRepository } from './records/sms-message.repository';
import { SmsMessageRecorder } from './records/sms-message.recorder';
import { MessageComposer } from './sending/message-composer';
import { ProviderSendRates } from './sending/provider-send-rates';
import { SmsSender } from './sending/sms-sender.service';
import { TestPhoneNumbers } from './sending/test-phone-numbers';
import { SmsSignatureAdminController } from './signatures/sms-signature-admin.controller';
import { SmsSignatureRepository } from './signatures/sms-signature.repository';
import { SmsSignatureService } from './signatures/sms-signature.service';
import { SmsMessageAdminController } from './sms-message-admin.controller';
import { SmsStatsController } from './stats/sms-stats.controller';
import { SmsStatsRepository } from './stats/sms-stats.repository';
import { SmsStatsService } from './stats/sms-stats.service';
import { SmsTemplateAdminController } from './templates/sms-template-admin.controller';
import { SmsReplyAdminController } from './replies/sms-reply-admin.controller';
import { SmsReplyController } from './replies/sms-reply.controller';
import { SmsReplyReader } from './replies/sms-reply.reader';
import { SmsReplyRepository } from './replies/sms-reply.repository';
import { SmsReplyService } from './replies/sms-reply.service';
import { SignatureReference } from './signatures/signature-reference';
import { SmsSuppressionAdminController } from './suppression/sms-suppression-admin.controller';
import { SuppressionImport } from './suppression/suppression-import';
import { SuppressionList } from './suppression/suppression-list';
import { SuppressionRepository } from './suppression/suppression.repository';
import { SuppressionService } from './suppression/suppression.service';
import { SmsCatalogCache } from './templates/sms-catalog-cache';
import { SmsTemplateRepository } from './templates/sms-template.repository';
import { SmsTemplateService } from './templates/sms-template.service';

/**
 * Delivery: everything between "send this message to this phone" and the provider's receipt
 * (the courier, in Ory Kratos' words): templates and signatures, providers and failover,
 * records, receipts and statistics. It knows nothing of codes; the codes library asks it to
 * deliver one.
 */
@Module({
  imports: [PhoneModule, MetricsModule, EventsModule],
  controllers: [
    SmsMessageAdminController,
    SmsSignatureAdminController,
    SmsTemplateAdminController,
    SmsReceiptController,
    CallResultController,
    SmsStatsController,
    SmsSuppressionAdminController,
    SmsReplyController,
    SmsReplyAdminController,
    CampaignAdminController,
    CampaignRecipientsController,
    CampaignResultsController,
  ],
  providers: [
    smsProviderRouterProvider,
    voiceProviderRouterProvider,
    TestPhoneNumbers,
    SmsMessageRecorder,
    SmsMessageRepository,
    MessageLookup,
    SmsSignatureRepository,
    SmsTemplateRepository,
    SmsCatalogCache,
    SmsSignatureService,
    SmsTemplateService,
    MessageComposer,
    ProviderSendRates,
    SmsSender,
    RecordsInFlight,
    MessageQueue,
    CodeDelivery,
    SmsNotificationService,
    SmsReceiptService,
    ReceiptTokenGuard,
    SmsStatsRepository,
    SmsStatsService,
    ConversionReporter,
    ConversionReportRunner,
    SuppressionList,
    SuppressionRepository,
    SuppressionService,
    SuppressionImport,
    SignatureReference,
    SmsReplyRepository,
    SmsReplyService,
    SmsReplyReader,
    CampaignClock,
    CampaignRepository,
    CampaignEnding,
    CampaignRecipientRepository,
    CampaignMessages,
    CampaignQueue,
    CampaignService,
    CampaignPreviewService,
    RecipientUploadService,
    CampaignBatchSender,
    CampaignRunner,
  ],
  exports: [
    ConversionReporter,
    ConversionReportRunner,
    CodeDelivery,
    TestPhoneNumbers,
    SmsMessageRecorder,
    SmsMessageRepository,
    SmsSender,
    MessageQueue,
    RecordsInFlight,
    SuppressionList,
    SmsReplyRepository,
    CampaignRunner,
    // For the campaign sweep (campaign-sweep.ts) of the worker module.
    CampaignRepository,
    CampaignQueue,
    CampaignClock,
  ],
})
export class DeliveryModule {}
