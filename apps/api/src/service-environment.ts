import { Environment, validateEnvironment } from '@app/config';
import { DELIVERY_SETTINGS } from '@app/delivery';
import { EVENTS_SETTINGS } from '@app/events';

/**
 * The service's one validated configuration (the API and the worker): libs/config's settings and the parts other libraries
 * own (the SMS providers' settings, beside their adapters; the events' webhooks). Every entry point validates with
 * this, so no provider's settings go unchecked.
 */
export function validateServiceEnvironment(raw: Record<string, unknown>): Environment {
  return validateEnvironment(raw, [...DELIVERY_SETTINGS, ...EVENTS_SETTINGS]);
}
