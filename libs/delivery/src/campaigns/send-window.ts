/** A daily window, `HH:MM` to `HH:MM` local time in a time zone (end excluded). */
export interface SendWindow {
  start: string;
  end: string;
  timeZone: string;
}

export const WINDOW_TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$/;

/** Chinese carriers take marketing messages from 08:00 to 22:00 Beijing time only. */
export const MARKETING_WINDOW: SendWindow = {
  start: '08:00',
  end: '22:00',
  timeZone: 'Asia/Shanghai',
};

const DAY_SECONDS = 24 * 3600;

/** Whether `timeZone` is one the runtime knows (IANA names). */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * How long from `now` until the window opens, in ms: 0 while it is open. A window whose end
 * is before its start spans midnight (`22:00`–`06:00`).
 */
export function msUntilOpen(window: SendWindow, now: Date): number {
  const second = secondOfDay(now, window.timeZone);
  const start = minutesOf(window.start) * 60;
  const end = minutesOf(window.end) * 60;
  const open = start <= end ? second >= start && second < end : second >= start || second < end;
  if (open) return 0;
  const wait = (start - second + DAY_SECONDS) % DAY_SECONDS;
  return wait * 1000 - now.getUTCMilliseconds();
}

function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

/** The second of the local day in `timeZone` (DST days are 23 or 25 hours; close enough). */
function secondOfDay(now: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(now);
  const part = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return part('hour') * 3600 + part('minute') * 60 + part('second');
}
