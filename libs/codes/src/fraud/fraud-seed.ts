import { FRAUD_KEY_KINDS } from '@app/config';
import { watchedValues } from './fraud-keys';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** A sent code as the records keep it. */
export interface RecordedCode {
  phone: string;
  /** A phone's codes of one purpose are one code (a resend replaces it and carries it). */
  purpose: string;
  region: string;
  clientIp: string | null;
  createdAt: Date;
  verifiedAt: Date | null;
}

/** A resend carries at most this many earlier unverified codes (as the reserve script). */
const MAX_CARRIED = 5;

/** Per watched key (named by kind and value): fields to add to, and fields to raise to. */
export interface SeedFields {
  add: Map<string, number>;
  max: Map<string, number>;
}

/**
 * The buckets the live path would have written for these records (see fraud.lua.ts): sends,
 * verified and given-back codes of the last 24 hours by hour, verified codes by day and the
 * day's busiest verified hour for 14 days. A verified code gives back the unverified ones it
 * carried, as the reserve script counts them (see carriedCodes). Pure, so the seeder only reads
 * and writes.
 */
export function seedBuckets(records: Iterable<RecordedCode>, now: number): Map<string, SeedFields> {
  const windowStart = (Math.floor(now / HOUR_MS) - 23) * HOUR_MS;
  const byKey = new Map<string, SeedFields>();
  const verifiedByHour = new Map<string, Map<number, number>>();
  const sorted = [...records].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const carried = carriedCodes(sorted);
  for (const record of sorted) {
    const sentAt = record.createdAt.getTime();
    const values = watchedValues(record.phone, record.region, record.clientIp ?? 'unknown');
    const hour = Math.floor(sentAt / HOUR_MS);
    for (const kind of FRAUD_KEY_KINDS) {
      const name = `${kind}\u0000${values[kind]}`;
      let fields = byKey.get(name);
      if (!fields)
        byKey.set(
          name,
          (fields = { add: new Map<string, number>(), max: new Map<string, number>() }),
        );
      const add = (field: string, by = 1): void =>
        void fields.add.set(field, (fields.add.get(field) ?? 0) + by);
      if (sentAt >= windowStart) add(`s${hour}`);
      if (!record.verifiedAt) continue;
      if (sentAt >= windowStart) {
        add(`g${hour}`, 1 + carried.get(record)!);
        add(`v${hour}`);
      }
      add(`d${Math.floor(sentAt / DAY_MS)}`);
      let hours = verifiedByHour.get(name);
      if (!hours) verifiedByHour.set(name, (hours = new Map<number, number>()));
      hours.set(hour, (hours.get(hour) ?? 0) + 1);
    }
  }
  for (const [name, hours] of verifiedByHour) {
    const max = byKey.get(name)!.max;
    for (const [hour, count] of hours) {
      const field = `m${Math.floor((hour * HOUR_MS) / DAY_MS)}`;
      max.set(field, Math.max(max.get(field) ?? 0, count));
    }
  }
  return byKey;
}

/**
 * What each record carried, as the reserve script decides it: a send over the phone's code of
 * the same purpose that is still unverified and was sent within 24 hours carries that code and
 * everything it carried (at most MAX_CARRIED); verifying it gives them all back. Records in
 * time order.
 */
function carriedCodes(sorted: RecordedCode[]): Map<RecordedCode, number> {
  const carried = new Map<RecordedCode, number>();
  const previous = new Map<string, RecordedCode>();
  for (const record of sorted) {
    const code = `${record.purpose}\u0000${record.phone}`;
    const before = previous.get(code);
    const carries =
      before &&
      !before.verifiedAt &&
      Math.floor(before.createdAt.getTime() / HOUR_MS) >
        Math.floor(record.createdAt.getTime() / HOUR_MS) - 24;
    carried.set(record, carries ? Math.min(MAX_CARRIED, carried.get(before)! + 1) : 0);
    previous.set(code, record);
  }
  return carried;
}
