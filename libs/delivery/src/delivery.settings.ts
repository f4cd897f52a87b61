import type { SettingsSchema } from '@app/config';
import { PROVIDER_SETTINGS } from './providers/provider-registry';
import { SmsRoutingSettings } from './providers/sms-routing.settings';
import { VOICE_PROVIDER_SETTINGS } from './providers/voice-provider-registry';
import { VoiceRoutingSettings } from './providers/voice-routing.settings';

/**
 * The settings this library owns, for the app to hand to `validateEnvironment` (libs/config
 * cannot import them: this library imports it). Routing first (SMS and voice): the providers'
 * schemas read it.
 */
export const DELIVERY_SETTINGS: readonly SettingsSchema[] = [
  SmsRoutingSettings,
  VoiceRoutingSettings,
  // A schema both channels' adapters read (the webhook's) is validated once.
  ...new Set([...PROVIDER_SETTINGS, ...VOICE_PROVIDER_SETTINGS]),
];
