import { BlockList } from 'node:net';
import type { FraudRules } from '@app/config';

/**
 * Allow or deny rules (SMS_FRAUD_ALLOW or SMS_FRAUD_DENY, and the admins' rules of that kind),
 * compiled once per change so a send pays a few set look-ups, whatever the number of rules:
 * countries in a set, prefixes in a set probed at each length a prefix has (at most 15), and
 * networks in one BlockList.
 */
export class FraudRuleMatcher {
  private readonly countries = new Set<string>();
  private readonly prefixes = new Set<string>();
  /** The distinct lengths of the prefixes, shortest first. */
  private readonly prefixLengths: number[];
  private readonly networks = new BlockList();
  private readonly hasNetworks: boolean;

  constructor(...sources: FraudRules[]) {
    for (const rules of sources) {
      for (const country of rules.countries) this.countries.add(country);
      for (const prefix of rules.prefixes) this.prefixes.add(prefix);
      for (const network of rules.networks) {
        this.networks.addSubnet(network.address, network.prefix, network.family);
      }
    }
    this.prefixLengths = [...new Set([...this.prefixes].map((p) => p.length))].sort(
      (a, b) => a - b,
    );
    this.hasNetworks = sources.some((rules) => rules.networks.length > 0);
  }

  /** The rule that matches, as written (the client's address for a network), or undefined. */
  match(send: { e164: string; region: string; clientIp: string }): string | undefined {
    if (this.countries.has(send.region)) return send.region;
    for (const length of this.prefixLengths) {
      if (length > send.e164.length) break;
      const prefix = send.e164.slice(0, length);
      if (this.prefixes.has(prefix)) return prefix;
    }
    if (this.hasNetworks && this.matchesNetwork(send.clientIp)) return send.clientIp;
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
