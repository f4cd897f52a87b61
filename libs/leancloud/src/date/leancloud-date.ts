/** A date as LeanCloud's REST API encodes one in a body (`AV._decode` turns it into a Date). */
export interface LeanCloudDate {
  __type: 'Date';
  iso: string;
}

/** ISO 8601 in UTC with milliseconds, as every LeanCloud date. */
export function toLeanCloudDate(date: Date): LeanCloudDate {
  return { __type: 'Date', iso: date.toISOString() };
}
