import { Injectable } from '@nestjs/common';
import { isIPv4, isIPv6 } from 'node:net';
import { getCountryCallingCode, type CountryCode } from 'libphonenumber-js';
import { FRAUD_KEY_KINDS, type FraudKeyKind } from '@app/config';
import { RedisService } from '@app/redis';

/** The values a send is watched under, one per FRAUD_KEY_KINDS entry. */
export type WatchedValues = Readonly<Record<FraudKeyKind, string>>;

/** Digits after the country code that name the range a carrier bills (2-4; 3 by default). */
const RANGE_DIGITS: Readonly<Record<string, number>> = { '44': 4, '7': 3, '1': 3, '86': 3 };

/**
 * What a send is watched under: the destination's country, its carrier range (country code and
 * the next digits), its prefix (the E.164 number without its last 4 digits), the client IP and
 * its network (/24 for IPv4, /48 for IPv6).
 */
export function watchedValues(e164: string, region: string, clientIp: string): WatchedValues {
  const callingCode = getCountryCallingCode(region as CountryCode);
  const rangeLength = 1 + callingCode.length + (RANGE_DIGITS[callingCode] ?? 3);
  return {
    country: region,
    range: e164.slice(0, Math.min(rangeLength, e164.length - 4)),
    prefix: e164.slice(0, -4),
    ip: clientIp,
    network: networkOf(clientIp),
  };
}

export function networkOf(ip: string): string {
  const address = ip.startsWith('::ffff:') && isIPv4(ip.slice(7)) ? ip.slice(7) : ip;
  if (isIPv4(address)) return `${address.split('.').slice(0, 3).join('.')}.0/24`;
  if (!isIPv6(address)) return address;
  return `${expandIPv6(address).slice(0, 3).join(':')}::/48`;
}

function expandIPv6(address: string): string[] {
  const [head, tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = address.includes('::') ? 8 - left.length - right.length : 0;
  return [...left, ...Array<string>(missing).fill('0'), ...right].map((group) =>
    (parseInt(group, 16) || 0).toString(16),
  );
}

/** The kinds the overview lists (and keeps an index of). */
export const INDEXED_KINDS = ['country', 'range', 'prefix'] as const satisfies FraudKeyKind[];

/**
 * Every Redis key of the fraud guard, built here only. On a Redis Cluster (README: "Fraud guard
 * on a Redis Cluster") each watched value is hash-tagged (slotTag): its keys share a slot (the
 * IP's watched key and its countries set), and the reserve's guarantee per key holds because
 * each key's check-and-count is one script there (ClusterFraudSteps). On a single Redis the
 * names are those of before the cluster mode.
 */
@Injectable()
export class FraudKeys {
  constructor(private readonly redis: RedisService) {}

  watched(kind: FraudKeyKind, value: string): string {
    return this.redis.key('fraud', kind, this.redis.slotTag(value));
  }

  /** The watched keys of a send, in FRAUD_KEY_KINDS' order (the reserve script's KEYS[6-10]). */
  allWatched(values: WatchedValues): string[] {
    return FRAUD_KEY_KINDS.map((kind) => this.watched(kind, values[kind]));
  }

  /** The destination countries an IP sent to in the last 24 hours (sorted set by time). */
  ipCountries(ip: string): string {
    return this.redis.key('fraud', 'ip-countries', this.redis.slotTag(ip));
  }

  /** The values of a kind seen in the last 24 hours (sorted set by time), for the overview. */
  index(kind: (typeof INDEXED_KINDS)[number]): string {
    return this.redis.key('fraud', 'index', kind);
  }

  /** Set once the budgets were rebuilt from the records; gone after a flush. */
  seeded(): string {
    return this.redis.key('fraud', 'seeded');
  }

  seedLock(): string {
    return this.redis.key('fraud', 'seed-lock');
  }
}
