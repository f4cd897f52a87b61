const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A stats range cut where the daily rollup can answer: the whole UTC days [daysFrom, daysTo)
 * come from sms_message_daily, the rest ([from, daysFrom) and [daysTo, to), under a day each)
 * from sms_messages. Without a whole day inside, daysFrom = daysTo = to: all of it is raw.
 */
export interface StatsRangeParts {
  from: Date;
  daysFrom: Date;
  daysTo: Date;
  to: Date;
}

export function splitIntoWholeDays(from: Date, to: Date): StatsRangeParts {
  const daysFrom = new Date(Math.ceil(from.getTime() / DAY_MS) * DAY_MS);
  const daysTo = new Date(Math.floor(to.getTime() / DAY_MS) * DAY_MS);
  if (daysFrom >= daysTo) return { from, daysFrom: to, daysTo: to, to };
  return { from, daysFrom, daysTo, to };
}
