export { LOCAL_DEVELOPMENT_ADMIN_KEY } from './admin-key';
export { AppConfigModule } from './app-config.module';
export { AppConfigService } from './app-config.service';
export { decodeAes256Key } from './encryption-key';
export { type EffectiveSetting, EffectiveSettings } from './effective-settings';
export {
  AppConfig,
  CAPTCHA_PROVIDER_NAMES,
  CaptchaProviderName,
  Environment,
  LogLevel,
  PHONE_CHANGE_PROOFS,
  PhoneChangeProofSetting,
} from './environment';
export {
  FRAUD_KEY_KINDS,
  FraudCeilings,
  FraudChallenge,
  FraudGuardMode,
  FraudKeyKind,
} from './fraud-guard.settings';
export { type FraudRuleEntry, type FraudRules, parseFraudRuleEntry } from './fraud-rules.parser';
export { type RedisConnectionSettings, redisTlsOptions } from './redis-tls';
export { IsParsed, parsedOr, splitList, toBoolean, toLowerCaseList } from './setting-transforms';
export { settingNames } from './settings-schema';
export type { SettingsOf, SettingsSchema } from './settings-schema';
export type { SmsTestNumbers } from './sms-settings.parsers';
export { InvalidConfigurationError, validateEnvironment } from './validate-environment';
