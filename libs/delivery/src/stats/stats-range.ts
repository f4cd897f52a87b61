const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/**
 * A stats range cut where each rollup can answer, in UTC:
 *
 *   from .. hoursFrom .. daysFrom .. monthsFrom ==== monthsTo .. daysTo .. hoursTo .. to
 *     raw      hourly       daily      monthly rollup     daily     hourly      raw
 *
 * The whole months [monthsFrom, monthsTo) come from sms_message_monthly, the whole days around
 * them ([daysFrom, monthsFrom) and [monthsTo, daysTo), under a month each) from
 * sms_message_daily, the whole hours around those ([hoursFrom, daysFrom) and [daysTo, hoursTo),
 * under a day each) from sms_message_hourly, and only the rest ([from, hoursFrom) and
 * [hoursTo, to), under an hour each) from sms_messages. An empty part has equal bounds: without
 * a whole month inside, monthsFrom = monthsTo = daysTo (all daily); without a whole day inside,
 * every day and month bound is hoursTo (all hourly); without a whole hour inside, every bound but
 * `from` is `to` (all raw).
 *
 * `months: false` reads whole months by day (the `day` grouping, whose keys the monthly rollup
 * does not hold): the months' part is then empty at daysTo.
 *
 * A range of whole local days in a zone of whole-hour offset (Asia/Shanghai, +08:00: its days
 * start at 16:00 UTC) reads no raw row; in a zone of +05:30 or +05:45, two partial hours.
 */
export interface StatsRangeParts {
  from: Date;
  hoursFrom: Date;
  daysFrom: Date;
  monthsFrom: Date;
  monthsTo: Date;
  daysTo: Date;
  hoursTo: Date;
  to: Date;
}

export function splitRange(
  from: Date,
  to: Date,
  { months }: { months: boolean } = { months: true },
): StatsRangeParts {
  const hoursFrom = ceilTo(from, HOUR_MS);
  const hoursTo = floorTo(to, HOUR_MS);
  if (hoursFrom >= hoursTo) {
    return {
      from,
      hoursFrom: to,
      daysFrom: to,
      monthsFrom: to,
      monthsTo: to,
      daysTo: to,
      hoursTo: to,
      to,
    };
  }
  const daysFrom = ceilTo(hoursFrom, DAY_MS);
  const daysTo = floorTo(hoursTo, DAY_MS);
  if (daysFrom >= daysTo) {
    const empty = hoursTo;
    return {
      from,
      hoursFrom,
      daysFrom: empty,
      monthsFrom: empty,
      monthsTo: empty,
      daysTo: empty,
      hoursTo,
      to,
    };
  }
  const monthsFrom = ceilToMonth(daysFrom);
  const monthsTo = floorToMonth(daysTo);
  if (!months || monthsFrom >= monthsTo) {
    return { from, hoursFrom, daysFrom, monthsFrom: daysTo, monthsTo: daysTo, daysTo, hoursTo, to };
  }
  return { from, hoursFrom, daysFrom, monthsFrom, monthsTo, daysTo, hoursTo, to };
}

function ceilTo(at: Date, unit: number): Date {
  return new Date(Math.ceil(at.getTime() / unit) * unit);
}

function floorTo(at: Date, unit: number): Date {
  return new Date(Math.floor(at.getTime() / unit) * unit);
}

/** The first instant of the UTC month holding `at`. */
function floorToMonth(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
}

/** `at` if it starts a UTC month, else the start of the next one. */
function ceilToMonth(at: Date): Date {
  const start = floorToMonth(at);
  return start.getTime() === at.getTime()
    ? start
    : new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
}
