import { BlockList } from 'node:net';
import type { FraudRules } from '@app/config';

/** SMS_FRAUD_ALLOW or SMS_FRAUD_DENY, ready to match a send. */
export class FraudRuleMatcher {
  private readonly networks = new BlockList();

  constructor(private readonly rules: FraudRules) {
    for (const network of rules.networks) {
      this.networks.addSubnet(network.address, network.prefix, network.family);
    }
  }

  /** The rule that matches, as written, or undefined. */
  match(send: { e164: string; region: string; clientIp: string }): string | undefined {
    if (this.rules.countries.includes(send.region)) return send.region;
    const prefix = this.rules.prefixes.find((rule) => send.e164.startsWith(rule));
    if (prefix) return prefix;
    if (this.rules.networks.length > 0 && this.matchesNetwork(send.clientIp)) return send.clientIp;
    return undefined;
  }

  private matchesNetwork(ip: string): boolean {
    try {
      return this.networks.check(ip, ip.includes(':') ? 'ipv6' : 'ipv4');
    } catch {
      return false; // not an address (a test client's odd value): no network rule matches it
    }
  }
}
