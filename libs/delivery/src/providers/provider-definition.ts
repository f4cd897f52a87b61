import type { AppConfigService, SettingsSchema } from '@app/config';
import type { SmsProvider } from './sms-provider';

/** What every provider gets besides its own settings. */
export interface SharedProviderSettings {
  /** SMS_PROVIDER_TIMEOUT_MS. */
  timeoutMs: number;
}

/** A provider as its folder declares it to a registry (`provider-registry.ts`, voice's). */
export interface ProviderDefinition<N extends string, S extends object, A extends object = object> {
  /** The name SMS_PROVIDER and SMS_ROUTES (or VOICE_PROVIDER and VOICE_ROUTES) use. */
  name: N;
  /** Its own settings, validated at start-up with the rest (`DELIVERY_SETTINGS`). */
  settings?: SettingsSchema<S>;
  /**
   * The vendor account's settings it shares with the vendor's other adapter (a voice adapter
   * uses the SMS adapter's credentials), validated once, with that adapter's.
   */
  account?: SettingsSchema<A>;
  create(settings: S, shared: SharedProviderSettings, account: A): SmsProvider;
}

/** A provider in the registry: its settings schema and how to make it from the configuration. */
export interface RegisteredProvider<N extends string = string> {
  readonly name: N;
  readonly settings?: SettingsSchema;
  create(config: AppConfigService): SmsProvider;
}

export function defineProvider<
  const N extends string,
  S extends object = object,
  A extends object = object,
>(definition: ProviderDefinition<N, S, A>): RegisteredProvider<N> {
  const { name, settings, account } = definition;
  return {
    name,
    settings,
    create: (config) =>
      definition.create(
        settings === undefined ? ({} as S) : config.section(settings),
        { timeoutMs: config.get('SMS_PROVIDER_TIMEOUT_MS') },
        account === undefined ? ({} as A) : config.section(account),
      ),
  };
}
