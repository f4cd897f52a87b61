import type { SettingsSchema } from '@app/config';
import { aliyunProvider } from './aliyun/aliyun.registration';
import { consoleProvider } from './console/console.registration';
import type { RegisteredProvider } from './provider-definition';
import { tencentProvider } from './tencent/tencent.registration';
import { webhookProvider } from './webhook/webhook.registration';

/**
 * Every provider the service can send through. A new provider is a folder beside these
 * (adapter, `<name>.settings.ts`, `<name>.registration.ts`) and one line here: its name becomes
 * valid in SMS_PROVIDER and SMS_ROUTES and its settings are validated at start-up.
 */
export const PROVIDER_REGISTRY = [
  consoleProvider,
  webhookProvider,
  tencentProvider,
  aliyunProvider,
] as const satisfies readonly RegisteredProvider[];

export type SmsProviderName = (typeof PROVIDER_REGISTRY)[number]['name'];

export const SMS_PROVIDER_NAMES: readonly SmsProviderName[] = PROVIDER_REGISTRY.map(
  (provider) => provider.name,
);

export function registeredProvider(name: SmsProviderName): RegisteredProvider<SmsProviderName> {
  const provider = PROVIDER_REGISTRY.find((entry) => entry.name === name);
  if (provider === undefined) throw new Error(`No provider is registered as ${name}`);
  return provider;
}

/** The providers' own settings schemas, in registry order. */
export const PROVIDER_SETTINGS: readonly SettingsSchema[] = PROVIDER_REGISTRY.flatMap((provider) =>
  provider.settings === undefined ? [] : [provider.settings],
);
