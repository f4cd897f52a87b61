import type { SettingsSchema } from '@app/config';
import { aliyunVoiceProvider } from './aliyun/aliyun-voice.registration';
import { consoleVoiceProvider } from './console/console.registration';
import type { RegisteredProvider } from './provider-definition';
import { tencentVoiceProvider } from './tencent/tencent-voice.registration';
import { webhookVoiceProvider } from './webhook/webhook.registration';

/**
 * Every provider that can place a voice-code call, by the names VOICE_PROVIDER and VOICE_ROUTES
 * use (a vendor's voice product under the vendor's name, beside its SMS adapter). A new one is
 * a registration in its folder and one line here, as for SMS (`provider-registry.ts`).
 */
export const VOICE_PROVIDER_REGISTRY = [
  consoleVoiceProvider,
  webhookVoiceProvider,
  tencentVoiceProvider,
  aliyunVoiceProvider,
] as const satisfies readonly RegisteredProvider[];

export type VoiceProviderName = (typeof VOICE_PROVIDER_REGISTRY)[number]['name'];

export const VOICE_PROVIDER_NAMES: readonly VoiceProviderName[] = VOICE_PROVIDER_REGISTRY.map(
  (provider) => provider.name,
);

export function registeredVoiceProvider(
  name: VoiceProviderName,
): RegisteredProvider<VoiceProviderName> {
  const provider = VOICE_PROVIDER_REGISTRY.find((entry) => entry.name === name);
  if (provider === undefined) throw new Error(`No voice provider is registered as ${name}`);
  return provider;
}

/** The voice providers' own settings schemas, in registry order. */
export const VOICE_PROVIDER_SETTINGS: readonly SettingsSchema[] = VOICE_PROVIDER_REGISTRY.flatMap(
  (provider) => (provider.settings === undefined ? [] : [provider.settings]),
);
