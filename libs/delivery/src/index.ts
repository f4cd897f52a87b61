export * from './catalog.errors';
export * from './delivery.errors';
export { SMS_SEND_MESSAGE_ERRORS } from './delivery-route-errors';
export { DeliveryModule } from './delivery.module';
export { DeliveryWorkerModule } from './delivery-worker.module';
export {
  NotificationRequest,
  SentNotification,
  SmsNotificationService,
} from './notifications/sms-notification.service';
export { SmsMessageRecorder } from './records/sms-message.recorder';
export { IsCatalogName } from './catalog.dto';
export { maskCode } from './sending/default-template';
export { MessageComposer } from './sending/message-composer';
export { DeliveryResult, SmsSender } from './sending/sms-sender.service';
export { TestPhoneNumbers } from './sending/test-phone-numbers';
export { readCallerVariables } from './templates/caller-variables';
export { DEFAULT_SMS_PURPOSE, SMS_PURPOSES, SmsPurpose } from './templates/message-purposes';
