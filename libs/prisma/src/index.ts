export { Prisma } from './generated/client';
export type {
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
} from './generated/client';
export {
  MessageChannel,
  SmsCampaignRecipientStatus,
  SmsCampaignStatus,
  SmsMessageStatus,
  SmsReviewStatus,
  SmsSignaturePurpose,
  SmsSignatureType,
  SmsSuppressionReason,
  SmsTemplateKind,
} from './generated/enums';
export { PrismaModule } from './prisma.module';
export { PrismaService } from './prisma.service';
export {
  applyMigrations,
  type ApplyMigrationsOptions,
  type ApplyMigrationsResult,
} from './migrator';
export { DELETE_BATCH_SIZE, deleteInBatches } from './delete-in-batches';
