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

  /** Every provider named in SMS_PROVIDER or SMS_ROUTES, once each. */
  get all(): readonly SmsProvider[] {
    return [...new Set([...this.defaults, ...Object.values(this.routes).flat()])];
  }

  /** The provider of that name, when it is routed to. */
  named(name: string): SmsProvider | undefined {
    return this.all.find((provider) => provider.name === name);
  }

  /** The most providers one message may be tried at. */
  get longestRoute(): number {
    return Math.max(this.defaults.length, ...Object.values(this.routes).map((list) => list.length));
  }
}
