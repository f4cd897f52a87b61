export { Prisma } from './generated/client';
export type {
  LifecycleEvent,
  Session,
  SmsMessage,
  SmsSignature,
  SmsTemplate,
  User,
  WebhookDelivery,
  WebhookEndpoint,
} from './generated/client';
export {
  MessageChannel,
  SmsMessageStatus,
  SmsReviewStatus,
  SmsSignaturePurpose,
  SmsSignatureType,
  SmsTemplateKind,
  WebhookDeliveryStatus,
} from './generated/enums';
export { PrismaModule } from './prisma.module';
export { PrismaService } from './prisma.service';
export {
  applyMigrations,
  type ApplyMigrationsOptions,
  type ApplyMigrationsResult,
} from './migrator';
export { DELETE_BATCH_SIZE, deleteInBatches } from './delete-in-batches';
