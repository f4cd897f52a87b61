import type { SmsProvider } from './sms-provider';

/**
 * The providers to try for a phone, in failover order: SMS_ROUTES' list for the phone's
 * region, else its `*` list, else SMS_PROVIDER.
 */
export class SmsProviderRouter {
  constructor(
    private readonly defaults: readonly SmsProvider[],
    private readonly routes: Readonly<Record<string, readonly SmsProvider[]>> = {},
  ) {}

  providersFor(region: string): readonly SmsProvider[] {
    return this.routes[region] ?? this.routes['*'] ?? this.defaults;
  }

  /** The most providers one message may be tried at. */
  get longestRoute(): number {
    return Math.max(this.defaults.length, ...Object.values(this.routes).map((list) => list.length));
  }
}
