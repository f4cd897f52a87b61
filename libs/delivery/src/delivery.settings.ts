import type { SettingsSchema } from '@app/config';
import { PROVIDER_SETTINGS } from './providers/provider-registry';
import { SmsRoutingSettings } from './providers/sms-routing.settings';

/**
 * The settings this library owns, for the app to hand to `validateEnvironment` (libs/config
 * cannot import them: this library imports it). Routing first: the providers' schemas read it.
 */
export const DELIVERY_SETTINGS: readonly SettingsSchema[] = [
  SmsRoutingSettings,
  ...PROVIDER_SETTINGS,
];
