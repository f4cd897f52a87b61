export { Prisma } from './generated/client';
export type {
  Session,
  SmsMessage,
  SmsReply,
  SmsSignature,
  SmsSuppression,
  SmsTemplate,
  User,
} from './generated/client';
export {
  MessageChannel,
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
