import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * The simulated traffic of `npm run bench:fraud`, generated from a fixed seed: 14 days of
 * legitimate history (written as message records), then the attack day (sent over HTTP).
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Who sends a request; the report counts each group apart. */
export type Group = 'legit' | 'spike' | 'burst' | 'drip';

export interface CodeRequest {
  /** Minutes since the attack day's midnight (UTC). */
  minute: number;
  group: Group;
  phone: string;
  region: string;
  ip: string;
  /** A legitimate user enters the code this request brings (a minute or two later). */
  verifies: boolean;
}

export interface HistoryRecord {
  phone: string;
  region: string;
  ip: string;
  createdAt: Date;
  verifiedAt: Date | null;
}

/** Small, fast and seeded (mulberry32), so every run replays the same traffic. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Sign-ups by hour of the UTC day: mostly mainland users (UTC+8), busy from 08:00 to 23:00
 * Beijing time, quiet at night.
 */
const HOURLY_WEIGHT = [
  5, 6, 7, 7, 6, 6, 6, 7, 7, 6, 6, 7, 8, 8, 7, 5, 3, 1.5, 1, 0.7, 0.7, 1, 2, 3.5,
];
const WEIGHT_SUM = HOURLY_WEIGHT.reduce((a, b) => a + b, 0);

/** Carrier ranges (+86 and 3 digits) the legitimate mainland users are in. */
const CN_RANGES = ['134', '138', '139', '150', '158', '170', '176', '182', '186', '188', '199'];
/** The drip's prefix (an E.164 number without its last 4 digits), in a range users are in too. */
export const DRIP_PREFIX = '+861701234';
/** The burst's destination: one mobile range of a country with little traffic here. */
export const BURST_RANGE = '+447418';

export const ALLOWED_REGIONS = ['CN', 'US', 'GB'];

/** Users per ordinary day: with ~8% resending, about 1,000 codes, 85% of them verified. */
const USERS_PER_DAY = 926;
const RESEND_SHARE = 0.08;
const VERIFIED_SHARE = 0.92;

export class TrafficGenerator {
  private readonly random: () => number;
  private readonly used = new Set<string>();

  constructor(seed = 15) {
    this.random = seededRandom(seed);
  }

  private digits(count: number): string {
    let out = '';
    for (let i = 0; i < count; i++) out += Math.floor(this.random() * 10);
    return out;
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }

  /** A valid mobile number of the region, new to this run, that `accept` takes. */
  private phone(make: () => string, region: string, accept = (_: string) => true): string {
    for (;;) {
      const candidate = make();
      const parsed = parsePhoneNumberFromString(candidate);
      if (
        parsed?.isValid() &&
        parsed.country === region &&
        accept(candidate) &&
        !this.used.has(candidate)
      ) {
        this.used.add(candidate);
        return candidate;
      }
    }
  }

  /** A legitimate user's number: 94% mainland, 3% US, 3% GB (never the burst's range). */
  private legitPhone(): { phone: string; region: string } {
    const roll = this.random();
    if (roll < 0.94) {
      return {
        phone: this.phone(
          () => `+86${this.pick(CN_RANGES)}${this.digits(8)}`,
          'CN',
          (p) => !p.startsWith(DRIP_PREFIX),
        ),
        region: 'CN',
      };
    }
    if (roll < 0.97) {
      return {
        phone: this.phone(
          () => `+1${this.pick(['415', '212', '646', '310', '206'])}${this.digits(7)}`,
          'US',
        ),
        region: 'US',
      };
    }
    return {
      phone: this.phone(
        () => `+447${this.pick(['4', '5', '7', '8', '9'])}${this.digits(8)}`,
        'GB',
        (p) => !p.startsWith(BURST_RANGE),
      ),
      region: 'GB',
    };
  }

  /** A home or mobile IP; one /24 in ten is a carrier NAT that a few users share. */
  private userIp(): string {
    const octet = () => 1 + Math.floor(this.random() * 223);
    if (this.random() < 0.1) return `100.64.${Math.floor(this.random() * 8)}.${octet()}`;
    return `${octet()}.${octet()}.${octet()}.${octet()}`;
  }

  /** A minute of an hour drawn from the daily rhythm. */
  private minuteOfDay(): number {
    let target = this.random() * WEIGHT_SUM;
    for (let hour = 0; hour < 24; hour++) {
      target -= HOURLY_WEIGHT[hour];
      if (target <= 0) return hour * 60 + Math.floor(this.random() * 60);
    }
    return 23 * 60 + 59;
  }

  /** One user's requests: a code, and for a few a resend 1-3 minutes later; the last verified. */
  private user(minute: number, group: Group): CodeRequest[] {
    const { phone, region } = this.legitPhone();
    const ip = this.userIp();
    const verifies = this.random() < VERIFIED_SHARE;
    if (this.random() >= RESEND_SHARE) return [{ minute, group, phone, region, ip, verifies }];
    const resendAt = Math.min(24 * 60 - 1, minute + 1 + Math.floor(this.random() * 3));
    return [
      { minute, group, phone, region, ip, verifies: false },
      { minute: resendAt, group, phone, region, ip, verifies },
    ];
  }

  /** The 14 days before `attackDay` as records: what the seeder rebuilds the budgets from. */
  history(attackDay: number): HistoryRecord[] {
    const records: HistoryRecord[] = [];
    for (let day = 14; day >= 1; day--) {
      const midnight = attackDay - day * DAY_MS;
      const users = Math.round(USERS_PER_DAY * (0.9 + 0.2 * this.random()));
      for (let n = 0; n < users; n++) {
        for (const request of this.user(this.minuteOfDay(), 'legit')) {
          const createdAt = new Date(
            midnight + request.minute * MINUTE_MS + Math.floor(this.random() * MINUTE_MS),
          );
          const verifiedAt = request.verifies
            ? new Date(createdAt.getTime() + 30_000 + Math.floor(this.random() * 60_000))
            : null;
          records.push({
            phone: request.phone,
            region: request.region,
            ip: request.ip,
            createdAt,
            verifiedAt,
          });
        }
      }
    }
    return records;
  }

  /**
   * The attack day, in time order: an ordinary day's users; a marketing push doubling the
   * sign-ups (as many users again, between 12:00 and 15:00 UTC, 20:00-23:00 in Beijing); a
   * burst of 3,000 requests in 2 hours (from 02:00) to one GB range from 1,000 rotating IPs,
   * none verified; a drip of 300 to scattered numbers of one prefix (in a mainland range that users are in),
   * all day.
   */
  attackDay(): CodeRequest[] {
    const requests: CodeRequest[] = [];
    for (let n = 0; n < USERS_PER_DAY; n++)
      requests.push(...this.user(this.minuteOfDay(), 'legit'));
    for (let n = 0; n < USERS_PER_DAY; n++) {
      requests.push(...this.user(12 * 60 + Math.floor(this.random() * 180), 'spike'));
    }
    const burstIps = Array.from({ length: 1000 }, () => this.userIp());
    for (let n = 0; n < 3000; n++) {
      requests.push({
        minute: 2 * 60 + Math.floor((n * 120) / 3000),
        group: 'burst',
        phone: this.phone(() => `${BURST_RANGE}${this.digits(6)}`, 'GB'),
        region: 'GB',
        ip: burstIps[n % burstIps.length],
        verifies: false,
      });
    }
    for (let n = 0; n < 300; n++) {
      requests.push({
        minute: Math.floor((n * 24 * 60) / 300) + Math.floor(this.random() * 4),
        group: 'drip',
        phone: this.phone(() => `${DRIP_PREFIX}${this.digits(4)}`, 'CN'),
        region: 'CN',
        ip: this.userIp(),
        verifies: false,
      });
    }
    return requests.sort((a, b) => a.minute - b.minute);
  }
}
