export type { NormalizedPhone } from './phone/phone-number';
export {
  CodeRequestContext,
  SmsSendCheck,
  SmsSendChecks,
  VerificationRecipient,
} from './send-checks';
export { CodeRequest, CodeSent, SmsCodeService } from './sms-code.service';
export {
  NotificationRequest,
  SentNotification,
  SmsNotificationService,
} from './notifications/sms-notification.service';
export * from './sms-catalog.errors';
export * from './sms.errors';
export { SmsModule } from './sms.module';
export { DEFAULT_SMS_PURPOSE, SMS_PURPOSES, SmsPurpose } from './sms-purpose';
export {
  SMS_SEND_CODE_ERRORS,
  SMS_SEND_MESSAGE_ERRORS,
  SMS_VERIFY_CODE_ERRORS,
} from './sms-route-errors';
