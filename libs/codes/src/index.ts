export * from './code.errors';
export { SMS_SEND_CODE_ERRORS, SMS_VERIFY_CODE_ERRORS } from './code-route-errors';
export { CodesModule } from './codes.module';
export { CodesWorkerModule } from './codes-worker.module';
export {
  FraudCaptchaRequiredError,
  FraudDeniedError,
  FraudSuspectedError,
} from './fraud/fraud.errors';
export {
  CodeRequestContext,
  SmsSendCheck,
  SmsSendChecks,
  VerificationRecipient,
} from './send-checks';
export { CodeRequest, CodeSent, SmsCodeService } from './sms-code.service';
// Purposes are the kinds of verification message delivery keeps a template for (Ory Kratos'
// courier owns its template types the same way); codes are sent and checked per purpose.
export { DEFAULT_SMS_PURPOSE, SMS_PURPOSES, SmsPurpose } from '@app/delivery';
