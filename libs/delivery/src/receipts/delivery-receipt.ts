/** A provider's word on whether a message reached the phone. */
export interface DeliveryReceipt {
  providerMessageId: string;
  delivered: boolean;
  /** The carrier status code, e.g. `DELIVRD`. */
  code?: string;
  /** When the phone received it (or the report time), else when we got the receipt. */
  at: Date;
  /**
   * The recipient's number in digits, when one provider message id covers several numbers
   * (Aliyun's SendBatchSms: one BizId for the batch): mainland numbers national (11 digits),
   * others with their country code, as Aliyun writes them. The receipt then reaches only the
   * message to that number; without it, every message of the id.
   */
  phoneDigits?: string;
}

/** Receipts in one callback we take at most; a longer batch is cut (providers batch far less). */
export const MAX_RECEIPTS_PER_CALLBACK = 1000;
const MAX_ID_LENGTH = 128;
const MAX_CODE_LENGTH = 64;

/**
 * Tencent's status-report callback: a JSON array of
 * `{ user_receive_time, nationcode, mobile, report_status: SUCCESS|FAIL, errmsg, description, sid }`,
 * where `sid` is the SendSms `SerialNo`. Entries that are not of that shape are skipped.
 */
export function parseTencentReceipts(body: unknown, now = new Date()): DeliveryReceipt[] {
  return receiptEntries(body).flatMap((entry) => {
    const id = boundedString(entry.sid, MAX_ID_LENGTH);
    const status = entry.report_status;
    if (id === undefined || (status !== 'SUCCESS' && status !== 'FAIL')) return [];
    return [
      {
        providerMessageId: id,
        delivered: status === 'SUCCESS',
        code: boundedString(entry.errmsg, MAX_CODE_LENGTH),
        at: chinaTime(entry.user_receive_time) ?? now,
      },
    ];
  });
}

/**
 * Aliyun's `SmsReport` push: a JSON array of
 * `{ phone_number, send_time, report_time, success, err_code, err_msg, sms_size, biz_id, out_id }`,
 * where `biz_id` is the SendSms or SendBatchSms `BizId`: a batch's numbers share it, and
 * `phone_number` tells them apart.
 */
export function parseAliyunReceipts(body: unknown, now = new Date()): DeliveryReceipt[] {
  return receiptEntries(body).flatMap((entry) => {
    const id = boundedString(entry.biz_id, MAX_ID_LENGTH);
    if (id === undefined || typeof entry.success !== 'boolean') return [];
    return [
      {
        providerMessageId: id,
        delivered: entry.success,
        code: boundedString(entry.err_code, MAX_CODE_LENGTH),
        at: chinaTime(entry.report_time) ?? now,
        phoneDigits: phoneDigits(entry.phone_number),
      },
    ];
  });
}

/** A number written in digits (at most 15, E.164's longest); anything else, none. */
function phoneDigits(value: unknown): string | undefined {
  return typeof value === 'string' && /^\d{5,15}$/.test(value) ? value : undefined;
}

/** The objects of a JSON array body (at most MAX_RECEIPTS_PER_CALLBACK); anything else, none. */
export function receiptEntries(body: unknown): Array<Record<string, unknown>> {
  if (!Array.isArray(body)) return [];
  return body
    .slice(0, MAX_RECEIPTS_PER_CALLBACK)
    .filter(
      (entry): entry is Record<string, unknown> =>
        typeof entry === 'object' && entry !== null && !Array.isArray(entry),
    );
}

/** A non-empty string of at most `max` characters without control characters (no NUL). */
export function boundedString(value: unknown, max: number): string | undefined {
  return typeof value === 'string' && value.length <= max && /^[^\p{Cc}]+$/u.test(value)
    ? value
    : undefined;
}

/** `2015-10-17 08:03:04` in China Standard Time (UTC+8), as both providers report. */
export function chinaTime(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(value.trim());
  if (!match) return undefined;
  const date = new Date(
    `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}+08:00`,
  );
  return Number.isNaN(date.getTime()) ? undefined : date;
}
