import { boundedString, chinaTime, DeliveryReceipt, receiptEntries } from './delivery-receipt';

/**
 * A voice code's call result is its delivery receipt: answered is `delivered`, anything else
 * (not answered, busy, refused, no such number) `undelivered`.
 */

const MAX_ID_LENGTH = 128;
const MAX_CODE_LENGTH = 64;

/** Tencent's `voicecode_callback.result`: the only values it documents (strings). */
const TENCENT_RESULTS: Record<string, { delivered: boolean; code: string }> = {
  '0': { delivered: true, code: 'ANSWERED' },
  '1': { delivered: false, code: 'NOT_ANSWERED' },
  '2': { delivered: false, code: 'CALL_ERROR' },
};

/**
 * Tencent VMS event callback, one JSON object per event, keyed by its type: the voice-code
 * status `{"voicecode_callback":{result,callid,accept_time,end_calltime,…}}` (all strings, times
 * in Unix seconds), where `callid` is the SendCodeVoice `CallId`; and the failure reason
 * `{"voice_failure_callback":{callid,failure_code (a number),failure_reason}}`, which marks
 * the call undelivered with `FAILURE_<code>`. Other events (key presses, notifications) and
 * entries of another shape are not receipts.
 */
export function parseTencentCallResults(body: unknown, now = new Date()): DeliveryReceipt[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return [];
  const events = body as Record<string, unknown>;
  return [
    ...codeStatus(events.voicecode_callback, now),
    ...failureReason(events.voice_failure_callback, now),
  ];
}

function codeStatus(event: unknown, now: Date): DeliveryReceipt[] {
  const [entry] = receiptEntries([event]);
  const id = boundedString(entry?.callid, MAX_ID_LENGTH);
  const result = typeof entry?.result === 'string' ? TENCENT_RESULTS[entry.result] : undefined;
  if (entry === undefined || id === undefined || result === undefined) return [];
  const at = unixSeconds(result.delivered ? entry.accept_time : entry.end_calltime);
  return [{ providerMessageId: id, ...result, at: at ?? now }];
}

function failureReason(event: unknown, now: Date): DeliveryReceipt[] {
  const [entry] = receiptEntries([event]);
  const id = boundedString(entry?.callid, MAX_ID_LENGTH);
  const failure = entry?.failure_code;
  if (id === undefined || typeof failure !== 'number' || !Number.isSafeInteger(failure)) return [];
  return [{ providerMessageId: id, delivered: false, code: `FAILURE_${failure}`, at: now }];
}

/**
 * Dyvmsapi `status_code`s of the intermediate `VoiceCallReport` (calling, ringing, answered,
 * ended, key press): not a call's result, so not a receipt if one is pushed to this URL.
 */
const ALIYUN_INTERMEDIATE = new Set(['200100', '200101', '200102', '200201', '300000']);
/** The user heard the whole message, or hung up during it: the call was answered. */
const ALIYUN_ANSWERED = new Set(['200000', '200001']);

/**
 * Aliyun's `VoiceReport` push (HTTP batch mode): a JSON array of
 * `{ call_id, status_code, status_msg, start_time, end_time, duration, out_id, … }`, sent
 * when the call ends, where `call_id` is the SingleCallByTts `CallId`.
 */
export function parseAliyunCallResults(body: unknown, now = new Date()): DeliveryReceipt[] {
  return receiptEntries(body).flatMap((entry) => {
    const id = boundedString(entry.call_id, MAX_ID_LENGTH);
    const status = boundedString(entry.status_code, MAX_CODE_LENGTH);
    if (id === undefined || status === undefined || !/^\d+$/.test(status)) return [];
    if (ALIYUN_INTERMEDIATE.has(status)) return [];
    return [
      {
        providerMessageId: id,
        delivered: ALIYUN_ANSWERED.has(status),
        code: status,
        at: chinaTime(entry.end_time) ?? now,
      },
    ];
  });
}

/** Tencent's times: Unix seconds as a string. */
function unixSeconds(value: unknown): Date | undefined {
  if (typeof value !== 'string' || !/^\d{9,11}$/.test(value)) return undefined;
  return new Date(Number(value) * 1000);
}
