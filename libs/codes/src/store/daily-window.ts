const DAY_MS = 24 * 60 * 60 * 1000;

/** Daily limits count per UTC calendar day: `20261121`. */
export function utcDayKey(nowMs: number): string {
  return new Date(nowMs).toISOString().slice(0, 10).replaceAll('-', '');
}

/** Seconds until the daily counters start again (at least 1). */
export function secondsUntilNextUtcDay(nowMs: number): number {
  const nextDay = Math.floor(nowMs / DAY_MS + 1) * DAY_MS;
  return Math.max(1, Math.ceil((nextDay - nowMs) / 1000));
}

/** Counters outlive their day a little, so a clock skew between instances cannot reset them early. */
export const DAILY_COUNTER_TTL_MS = 2 * DAY_MS;
