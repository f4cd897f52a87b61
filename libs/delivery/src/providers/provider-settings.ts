import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUrl, Min, ValidationOptions } from 'class-validator';

/** Helpers for the settings schemas in each provider's folder. */

/** True when the settings name `provider` in SMS_PROVIDER or in any SMS_ROUTES entry. */
export function namesProvider(settings: object, provider: string): boolean {
  const { SMS_PROVIDER, SMS_ROUTES: routes } = settings as Record<string, unknown>;
  const inList = (value: unknown): boolean => Array.isArray(value) && value.includes(provider);
  const inRoutes =
    typeof routes === 'object' && routes !== null && Object.values(routes).some(inList);
  return inList(SMS_PROVIDER) || inRoutes;
}

/** For `@ValidateIf`: the provider is in use (SMS_PROVIDER and SMS_ROUTES are validated first). */
export const usedBy = (provider: string) => (settings: object) => namesProvider(settings, provider);

export const requiredBy = (name: string, provider: string): ValidationOptions => ({
  message: `${name} is required by the ${provider} provider (named in SMS_PROVIDER or SMS_ROUTES)`,
});

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
