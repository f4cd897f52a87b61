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

/** `10.0.0.0/8, CN, +8613800138000`; undefined when an entry is none of the three. */
export function parseFraudRules(text: string): FraudRules | undefined {
  const rules = { networks: [], countries: [], prefixes: [] } as {
    networks: Array<FraudRules['networks'][number]>;
    countries: string[];
    prefixes: string[];
  };
  for (const entry of text.split(',').map((item) => item.trim())) {
    if (entry.length === 0) continue;
    if (COUNTRY.test(entry.toUpperCase())) rules.countries.push(entry.toUpperCase());
    else if (PREFIX.test(entry)) rules.prefixes.push(entry);
    else {
      const network = parseNetwork(entry);
      if (!network) return undefined;
      rules.networks.push(network);
    }
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
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
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
