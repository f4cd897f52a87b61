import type { AppConfigService, SettingsSchema } from '@app/config';
import type { SmsProvider } from './sms-provider';

/** What every provider gets besides its own settings. */
export interface SharedProviderSettings {
  /** SMS_PROVIDER_TIMEOUT_MS. */
  timeoutMs: number;
}

/** A provider as its folder declares it to the registry (`provider-registry.ts`). */
export interface ProviderDefinition<N extends string, S extends object> {
  /** The name SMS_PROVIDER and SMS_ROUTES use. */
  name: N;
  /** Its own settings, validated at start-up with the rest (`DELIVERY_SETTINGS`). */
  settings?: SettingsSchema<S>;
  create(settings: S, shared: SharedProviderSettings): SmsProvider;
}

/** A provider in the registry: its settings schema and how to make it from the configuration. */
export interface RegisteredProvider<N extends string = string> {
  readonly name: N;
  readonly settings?: SettingsSchema;
  create(config: AppConfigService): SmsProvider;
}

export function defineProvider<const N extends string, S extends object = object>(
  definition: ProviderDefinition<N, S>,
): RegisteredProvider<N> {
  const { name, settings } = definition;
  return {
    name,
    settings,
    create: (config) =>
      definition.create(settings === undefined ? ({} as S) : config.section(settings), {
        timeoutMs: config.get('SMS_PROVIDER_TIMEOUT_MS'),
      }),
  };
}
