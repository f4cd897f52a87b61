export { LOCAL_DEVELOPMENT_ADMIN_KEY } from './admin-key';
export { AppConfigModule } from './app-config.module';
export { AppConfigService } from './app-config.service';
export {
  AppConfig,
  CAPTCHA_PROVIDER_NAMES,
  CaptchaProviderName,
  Environment,
  LogLevel,
  PHONE_CHANGE_PROOFS,
  PhoneChangeProofSetting,
  SMS_PROVIDER_NAMES,
  SmsProviderName,
} from './environment';
export type { SmsRoutes, SmsTestNumbers } from './sms-settings.parsers';
export { InvalidConfigurationError, validateEnvironment } from './validate-environment';
