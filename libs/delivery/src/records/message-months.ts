/**
 * The month partitions of `sms_messages` (migration 20261215000000): one table per UTC month,
 * named sms_messages_YYYY_MM, plus sms_messages_default for rows of a month not created yet.
 */
const MONTH_PARTITION = /^sms_messages_(\d{4})_(\d{2})$/;

/** The first instant of the UTC month `months` after the one holding `at`. */
export function monthStart(at: Date, months = 0): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + months, 1));
}

/** The end (exclusive) of a month partition's range, or undefined for any other table name. */
export function monthPartitionEnd(tableName: string): Date | undefined {
  const match = MONTH_PARTITION.exec(tableName);
  if (match === null) return undefined;
  const month = Number(match[2]);
  if (month < 1 || month > 12) return undefined;
  return new Date(Date.UTC(Number(match[1]), month, 1));
}

/** A month partition's name and range [from, to). */
export interface MonthPartition {
  name: string;
  from: Date;
  to: Date;
}

/** The month partitions holding only rows older than `cutoff`, i.e. whose whole range ends by it. */
export function monthPartitionsBefore(tableNames: string[], cutoff: Date): MonthPartition[] {
  return tableNames.flatMap((name) => {
    const end = monthPartitionEnd(name);
    if (end === undefined || end.getTime() > cutoff.getTime()) return [];
    return [{ name, from: monthStart(end, -1), to: end }];
  });
}
