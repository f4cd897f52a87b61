export * from './catalog.errors';
export { MessageChannel } from './channels/channel';
export {
  CODE_CHANNELS,
  CodeChannel,
  CodeDelivery,
  CodeMessagePlan,
  CodeMessageRequest,
  CodeToDeliver,
} from './code-delivery.service';
export * from './delivery.errors';
export { SMS_SEND_MESSAGE_ERRORS } from './delivery-route-errors';
export { DeliveryModule } from './delivery.module';
export { DELIVERY_SETTINGS } from './delivery.settings';
export { DeliveryWorkerModule } from './delivery-worker.module';
export {
  NotificationRequest,
  QueuedNotification,
  SmsNotificationService,
} from './notifications/sms-notification.service';
export { SmsMessageRecorder } from './records/sms-message.recorder';
export { IsCatalogName } from './catalog.dto';
export { DeliveryResult } from './sending/sms-sender.service';
export { SuppressionList } from './suppression/suppression-list';
export { TestPhoneNumbers } from './sending/test-phone-numbers';
export { readCallerVariables } from './templates/caller-variables';
export { DEFAULT_SMS_PURPOSE, SMS_PURPOSES, SmsPurpose } from './templates/message-purposes';
export type {
  OutgoingSms,
  SendOutcome,
  SmsBatchCapability,
  SmsProvider,
} from './providers/sms-provider';
export { MAX_UPLOAD_BYTES } from './campaigns/recipient-upload.service';
