const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/**
 * A stats range cut where each rollup can answer, in UTC:
 *
 *     from ... hoursFrom ... daysFrom ======= daysTo ... hoursTo ... to
 *       raw     hourly rollup    daily rollup   hourly rollup    raw
 *
 * The whole days [daysFrom, daysTo) come from sms_message_daily, the whole hours around them
 * ([hoursFrom, daysFrom) and [daysTo, hoursTo), under a day each) from sms_message_hourly, and
 * only the rest ([from, hoursFrom) and [hoursTo, to), under an hour each) from sms_messages.
 * An empty part has equal bounds: without a whole day inside, daysFrom = daysTo = hoursTo (all
 * hourly); without a whole hour inside, every bound but `from` is `to` (all raw).
 *
 * A range of whole local days in a zone of whole-hour offset (Asia/Shanghai, +08:00: its days
 * start at 16:00 UTC) reads no raw row; in a zone of +05:30 or +05:45, two partial hours.
 */
export interface StatsRangeParts {
  from: Date;
  hoursFrom: Date;
  daysFrom: Date;
  daysTo: Date;
  hoursTo: Date;
  to: Date;
}

export function splitRange(from: Date, to: Date): StatsRangeParts {
  const hoursFrom = ceilTo(from, HOUR_MS);
  const hoursTo = floorTo(to, HOUR_MS);
  if (hoursFrom >= hoursTo) {
    return { from, hoursFrom: to, daysFrom: to, daysTo: to, hoursTo: to, to };
  }
  const daysFrom = ceilTo(hoursFrom, DAY_MS);
  const daysTo = floorTo(hoursTo, DAY_MS);
  if (daysFrom >= daysTo) {
    return { from, hoursFrom, daysFrom: hoursTo, daysTo: hoursTo, hoursTo, to };
  }
  return { from, hoursFrom, daysFrom, daysTo, hoursTo, to };
}

function ceilTo(at: Date, unit: number): Date {
  return new Date(Math.ceil(at.getTime() / unit) * unit);
}

function floorTo(at: Date, unit: number): Date {
  return new Date(Math.floor(at.getTime() / unit) * unit);
}
