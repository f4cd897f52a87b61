import type { SmsProviderName } from './provider-registry';

/** Provider lists by phone region (`CN`, ...); `*` is every other region. */
export type ProviderRoutes<N extends string> = Readonly<Record<string, readonly N[]>>;

/** SMS_ROUTES. */
export type SmsRoutes = ProviderRoutes<SmsProviderName>;

const ROUTE_REGION = /^(?:[A-Z]{2}|\*)$/;

/**
 * `CN=tencent,aliyun;*=aliyun` (SMS_ROUTES, VOICE_ROUTES): regions (or `*`) and their providers in failover order.
 * Undefined when the text is not of that form, names a provider not in `known` or repeats a
 * region.
 */
export function parseSmsRoutes<N extends string>(
  text: string,
  known: readonly N[],
): ProviderRoutes<N> | undefined {
  const isKnown = (name: string): name is N => (known as readonly string[]).includes(name);
  const routes: Record<string, N[]> = {};
  const entries = text
    .split(';')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  for (const entry of entries) {
    const [rawRegion, rawProviders, ...rest] = entry.split('=');
    const region = rawRegion.trim().toUpperCase();
    if (rest.length > 0 || rawProviders === undefined || !ROUTE_REGION.test(region)) return;
    if (region in routes) return;
    const providers = rawProviders
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .filter((name) => name.length > 0);
    if (providers.length === 0 || !providers.every(isKnown)) return;
    routes[region] = providers;
  }
  return routes;
}
