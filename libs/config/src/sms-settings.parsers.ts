import { SMS_PROVIDER_NAMES, SmsProviderName } from './sms-provider-names';

/** Provider lists by phone region (`CN`, ...); `*` is every other region. */
export type SmsRoutes = Readonly<Record<string, readonly SmsProviderName[]>>;

/** Fixed codes by E.164 phone number. */
export type SmsTestNumbers = Readonly<Record<string, string>>;

const ROUTE_REGION = /^(?:[A-Z]{2}|\*)$/;
const E164 = /^\+[1-9]\d{6,14}$/;
const TEST_CODE = /^\d{4,8}$/;

const isProviderName = (name: string): name is SmsProviderName =>
  (SMS_PROVIDER_NAMES as readonly string[]).includes(name);

/**
 * `CN=tencent,aliyun;*=aliyun`: regions (or `*`) and their providers in failover order.
 * Undefined when the text is not of that form, names an unknown provider or repeats a region.
 */
export function parseSmsRoutes(text: string): SmsRoutes | undefined {
  const routes: Record<string, SmsProviderName[]> = {};
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
    if (providers.length === 0 || !providers.every(isProviderName)) return;
    routes[region] = providers;
  }
  return routes;
}

/** `+8613800000000:123456,+14155550100:1234`; undefined when malformed. */
export function parseSmsTestNumbers(text: string): SmsTestNumbers | undefined {
  const numbers: Record<string, string> = {};
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  for (const entry of entries) {
    const separator = entry.lastIndexOf(':');
    const phone = entry.slice(0, separator).trim();
    const code = entry.slice(separator + 1).trim();
    if (separator < 0 || !E164.test(phone) || !TEST_CODE.test(code) || phone in numbers) return;
    numbers[phone] = code;
  }
  return numbers;
}

/** True when the settings name `provider` in SMS_PROVIDER or in any SMS_ROUTES entry. */
export function namesProvider(
  settings: { SMS_PROVIDER?: unknown; SMS_ROUTES?: unknown },
  provider: SmsProviderName,
): boolean {
  const inList = (value: unknown): boolean => Array.isArray(value) && value.includes(provider);
  const routes = settings.SMS_ROUTES;
  const inRoutes =
    typeof routes === 'object' && routes !== null && Object.values(routes).some(inList);
  return inList(settings.SMS_PROVIDER) || inRoutes;
}
