import { isIP } from 'node:net';

/** SMS_FRAUD_ALLOW / SMS_FRAUD_DENY, parsed: what a send is matched against. */
export interface FraudRules {
  /** IPv4 or IPv6 networks (`203.0.113.0/24`; a bare address is its own /32 or /128). */
  readonly networks: ReadonlyArray<{ address: string; prefix: number; family: 'ipv4' | 'ipv6' }>;
  /** ISO 3166 alpha-2 regions of the destination phone. */
  readonly countries: readonly string[];
  /** E.164 beginnings (`+86170`); a whole number (a test number) is a prefix of itself. */
  readonly prefixes: readonly string[];
}

const COUNTRY = /^[A-Z]{2}$/;
const PREFIX = /^\+[1-9]\d{0,14}$/;

/** One entry of a rule list, in the form the guard matches it. */
export type FraudRuleEntry =
  | { readonly match: 'country'; readonly value: string }
  | { readonly match: 'prefix'; readonly value: string }
  | {
      readonly match: 'cidr';
      /** `address/bits`, a bare address given its /32 or /128. */
      readonly value: string;
      readonly network: FraudRules['networks'][number];
    };

/**
 * One entry (`CN`, `+86170`, `203.0.113.0/24`): the same reading as each item of
 * SMS_FRAUD_ALLOW / SMS_FRAUD_DENY, for the rules admins add at run time. Undefined when it is
 * none of the three.
 */
export function parseFraudRuleEntry(text: string): FraudRuleEntry | undefined {
  const entry = text.trim();
  if (COUNTRY.test(entry.toUpperCase())) return { match: 'country', value: entry.toUpperCase() };
  if (PREFIX.test(entry)) return { match: 'prefix', value: entry };
  const network = parseNetwork(entry);
  if (!network) return undefined;
  return { match: 'cidr', value: `${network.address}/${network.prefix}`, network };
}

/** `10.0.0.0/8, CN, +8613800138000`; undefined when an entry is none of the three. */
export function parseFraudRules(text: string): FraudRules | undefined {
  const rules = { networks: [], countries: [], prefixes: [] } as {
    networks: Array<FraudRules['networks'][number]>;
    countries: string[];
    prefixes: string[];
  };
  for (const item of text.split(',')) {
    if (item.trim().length === 0) continue;
    const entry = parseFraudRuleEntry(item);
    if (!entry) return undefined;
    if (entry.match === 'country') rules.countries.push(entry.value);
    else if (entry.match === 'prefix') rules.prefixes.push(entry.value);
    else rules.networks.push(entry.network);
  }
  return rules;
}

function parseNetwork(entry: string): FraudRules['networks'][number] | undefined {
  const [address, bits, extra] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || extra !== undefined) return undefined;
  const max = version === 4 ? 32 : 128;
  const prefix = bits === undefined ? max : Number(bits);
  if (!/^\d{1,3}$/.test(bits ?? String(max)) || prefix > max) return undefined;
  return { address: address.toLowerCase(), prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

/** `SMS_FRAUD_CEILINGS=country=5000,ip=50`: a ceiling per watched key kind; undefined when malformed. */
export function parseFraudCeilings<K extends string>(
  text: string,
  kinds: readonly K[],
): Partial<Record<K, number>> | undefined {
  const ceilings: Partial<Record<K, number>> = {};
  for (const entry of text.split(',').map((item) => item.trim())) {
    if (entry.length === 0) continue;
    const [kind, value, extra] = entry.split('=').map((part) => part.trim());
    if (extra !== undefined || !(kinds as readonly string[]).includes(kind)) return undefined;
    if (!/^\d{1,9}$/.test(value ?? '') || Number(value) < 1) return undefined;
    ceilings[kind as K] = Number(value);
  }
  return ceilings;
}
