import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUrl, Max, Min, ValidationOptions } from 'class-validator';

/** Helpers for the settings schemas in each provider's folder. */

/** The settings that name the providers of each channel, in failover order and by region. */
const ROUTING_SETTINGS = {
  sms: ['SMS_PROVIDER', 'SMS_ROUTES'],
  voice: ['VOICE_PROVIDER', 'VOICE_ROUTES'],
} as const;

export type RoutedChannel = keyof typeof ROUTING_SETTINGS;

/**
 * True when the settings name `provider` for a channel: in SMS_PROVIDER or any SMS_ROUTES
 * entry (sms), in VOICE_PROVIDER or any VOICE_ROUTES entry (voice).
 */
export function namesProvider(
  settings: object,
  provider: string,
  channels: readonly RoutedChannel[] = ['sms'],
): boolean {
  const values = settings as Record<string, unknown>;
  const inList = (value: unknown): boolean => Array.isArray(value) && value.includes(provider);
  return channels.some((channel) => {
    const [list, routesName] = ROUTING_SETTINGS[channel];
    const routes = values[routesName];
    const inRoutes =
      typeof routes === 'object' && routes !== null && Object.values(routes).some(inList);
    return inList(values[list]) || inRoutes;
  });
}

/** For `@ValidateIf`: the provider sends SMS (the routing settings are validated first). */
export const usedBy = (provider: string) => (settings: object) => namesProvider(settings, provider);

/** For `@ValidateIf`: the provider places voice calls. */
export const usedForVoiceBy = (provider: string) => (settings: object) =>
  namesProvider(settings, provider, ['voice']);

/** For `@ValidateIf`: the provider is used on either channel (an account's credentials). */
export const usedOnAnyChannelBy = (provider: string) => (settings: object) =>
  namesProvider(settings, provider, ['sms', 'voice']);

export const requiredBy = (name: string, provider: string): ValidationOptions => ({
  message: `${name} is required by the ${provider} provider (named in SMS_PROVIDER or SMS_ROUTES)`,
});

export const requiredForVoiceBy = (name: string, provider: string): ValidationOptions => ({
  message: `${name} is required by the ${provider} voice provider (named in VOICE_PROVIDER or VOICE_ROUTES)`,
});

export const requiredOnAnyChannelBy = (name: string, provider: string): ValidationOptions => ({
  message:
    `${name} is required by the ${provider} provider ` +
    '(named in SMS_PROVIDER, SMS_ROUTES, VOICE_PROVIDER or VOICE_ROUTES)',
});

/** Plays of a voice code in one call: 1 to 3 (both vendors' range), 2 by default. */
export const PlayTimes =
  (name: string): PropertyDecorator =>
  (target, property) => {
    const message = `${name} must be 1, 2 or 3`;
    for (const decorate of [
      Type(() => Number),
      IsInt({ message }),
      Min(1, { message }),
      Max(3, { message }),
    ]) {
      decorate(target, property);
    }
  };

export const endpointUrl = (name: string): PropertyDecorator =>
  IsUrl(
    { require_tld: false, protocols: ['http', 'https'], require_protocol: true },
    { message: `${name} must be an http(s) URL` },
  );

/**
 * `<PROVIDER>_MAX_PER_SECOND`: the most messages per second this provider may be sent, across
 * all processes (the queue holds it); unset, no limit.
 */
export const MaxPerSecond =
  (name: string): PropertyDecorator =>
  (target, property) => {
    const message = `${name} must be a positive whole number of messages per second`;
    for (const decorate of [
      IsOptional(),
      Type(() => Number),
      IsInt({ message }),
      Min(1, { message }),
    ]) {
      decorate(target, property);
    }
  };
