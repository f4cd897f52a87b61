export { Prisma } from './generated/client';
export type {
  AdminAccount,
  AdminAuditEntry,
  FraudDecision,
  FraudRule,
  LifecycleEvent,
  Session,
  SmsCampaign,
  SmsCampaignRecipient,
  SmsCampaignRejection,
  SmsMessage,
  SmsReply,
  SmsSignature,
  SmsSuppression,
  SmsTemplate,
  User,
  WebhookDelivery,
  WebhookEndpoint,
} from './generated/client';
export {
  AdminRole,
  FraudAction,
  FraudOutcome,
  FraudRuleKind,
  FraudRuleMatch,
  MessageChannel,
  SmsCampaignRecipientStatus,
  SmsCampaignStatus,
  SmsMessageStatus,
  SmsReviewStatus,
  SmsSignaturePurpose,
  SmsSignatureType,
  SmsSuppressionReason,
  SmsTemplateKind,
  WebhookDeliveryStatus,
} from './generated/enums';
export { PrismaModule } from './prisma.module';
export { PrismaService } from './prisma.service';
export type { DirectResult, DirectStatements } from './direct-statement';
export {
  applyMigrations,
  type ApplyMigrationsOptions,
  type ApplyMigrationsResult,
} from './migrator';
export { DELETE_BATCH_SIZE, deleteInBatches } from './delete-in-batches';
