import type { FieldError } from '@app/common';
import { ReplyCallbackInvalidError } from './reply.errors';

/** A reply (上行) as a provider pushed it, before it is matched to anything of ours. */
export interface InboundReply {
  /** International form (`+8613800138000`), still to be parsed with the service's rules. */
  phone: string;
  /** The signature the provider names, without 【】. */
  signName?: string;
  /** Tencent `extend`, Aliyun `dest_code`: the extension the person replied to. */
  extendCode?: string;
  text: string;
  repliedAt: Date;
  /** The provider's own id of the reply (Aliyun `sequence_id`), when it gives one. */
  providerReplyId?: string;
}

/** Replies in one Aliyun push we take at most (it batches far fewer). */
export const MAX_REPLIES_PER_CALLBACK = 1000;
/** Long replies arrive concatenated; anything longer is not a person's reply. */
export const MAX_REPLY_TEXT_LENGTH = 2000;
const MAX_FIELD_LENGTH = 64;

type Entry = Record<string, unknown>;

/**
 * Tencent's reply callback: ONE JSON object
 * `{ extend, mobile, nationcode, sign, text, time }`, `mobile` national, `time` Unix seconds
 * (https://cloud.tencent.com/document/api/382/59179).
 */
export function readTencentReply(body: unknown): InboundReply {
  if (!isEntry(body)) {
    throw new ReplyCallbackInvalidError('A Tencent reply callback is one JSON object', [
      { field: 'body', message: 'must be a JSON object' },
    ]);
  }
  const errors: FieldError[] = [];
  const reply = tencentEntry(body, errors);
  if (reply === undefined) throw new ReplyCallbackInvalidError('Unreadable Tencent reply', errors);
  return reply;
}

/**
 * Aliyun's `SmsUp` push: a JSON array of
 * `{ phone_number, content, send_time, dest_code, sequence_id, sign_name? }`. The documented
 * variants differ: `sign_name` is in some only, `sequence_id` a string or a number, `send_time`
 * `YYYY-MM-DD HH:mm:ss` or `YYYYMMDDHHmmss` (China time). Unreadable entries are left out and
 * counted; a push of which none can be read is refused.
 */
export function readAliyunReplies(
  body: unknown,
  now = new Date(),
): { replies: InboundReply[]; unreadable: number } {
  if (!Array.isArray(body)) {
    throw new ReplyCallbackInvalidError('An Aliyun SmsUp push is a JSON array of replies', [
      { field: 'body', message: 'must be a JSON array' },
    ]);
  }
  if (body.length > MAX_REPLIES_PER_CALLBACK) {
    throw new ReplyCallbackInvalidError(
      `An Aliyun SmsUp push carries at most ${MAX_REPLIES_PER_CALLBACK} replies`,
      [{ field: 'body', message: `must have at most ${MAX_REPLIES_PER_CALLBACK} entries` }],
    );
  }
  const errors: FieldError[] = [];
  const replies = body.flatMap((entry: unknown, index) => {
    const reply = isEntry(entry)
      ? aliyunEntry(entry, now, errors, `[${index}]`)
      : void errors.push({ field: `[${index}]`, message: 'must be a JSON object' });
    return reply === undefined ? [] : [reply];
  });
  if (replies.length === 0 && body.length > 0) {
    throw new ReplyCallbackInvalidError('No reply in this SmsUp push can be read', errors);
  }
  return { replies, unreadable: body.length - replies.length };
}

function tencentEntry(entry: Entry, errors: FieldError[]): InboundReply | undefined {
  const mobile = required(entry, 'mobile', errors, '', /^\+?\d{4,20}$/);
  const nationcode = required(entry, 'nationcode', errors, '', /^\d{1,4}$/);
  const text = replyText(entry, 'text', errors, '');
  const time = entry.time;
  const repliedAt =
    typeof time === 'number' && Number.isSafeInteger(time) && time > 0 && time < 1e11
      ? new Date(time * 1000)
      : undefined;
  if (repliedAt === undefined) errors.push({ field: 'time', message: 'must be Unix seconds' });
  if (mobile === undefined || nationcode === undefined || text === undefined || !repliedAt) {
    return undefined;
  }
  return {
    phone: mobile.startsWith('+') ? mobile : `+${nationcode}${mobile}`,
    signName: signName(entry.sign),
    extendCode: optional(entry.extend),
    text,
    repliedAt,
  };
}

function aliyunEntry(
  entry: Entry,
  now: Date,
  errors: FieldError[],
  at: string,
): InboundReply | undefined {
  const phone = required(entry, 'phone_number', errors, at, /^\+?\d{4,20}$/);
  const text = replyText(entry, 'content', errors, at);
  if (phone === undefined || text === undefined) return undefined;
  const sequenceId = entry.sequence_id;
  return {
    phone: internationalAliyunPhone(phone),
    signName: signName(entry.sign_name),
    extendCode: optional(entry.dest_code),
    text,
    repliedAt: chinaTime(entry.send_time) ?? now,
    providerReplyId:
      typeof sequenceId === 'number' && Number.isSafeInteger(sequenceId)
        ? String(sequenceId)
        : optional(sequenceId),
  };
}

/** Aliyun writes mainland numbers nationally (`13800138000`), others with their country code. */
function internationalAliyunPhone(phone: string): string {
  if (phone.startsWith('+')) return phone;
  return /^1\d{10}$/.test(phone) ? `+86${phone}` : `+${phone}`;
}

function required(
  entry: Entry,
  field: string,
  errors: FieldError[],
  at: string,
  shape: RegExp,
): string | undefined {
  const value = entry[field];
  if (typeof value === 'string' && shape.test(value.trim())) return value.trim();
  errors.push({ field: `${at}${at ? '.' : ''}${field}`, message: `must match ${shape.source}` });
  return undefined;
}

function replyText(
  entry: Entry,
  field: string,
  errors: FieldError[],
  at: string,
): string | undefined {
  const value = entry[field];
  // PostgreSQL stores no NUL; other control characters (a line break) are a person's text.
  if (typeof value === 'string' && value.length <= MAX_REPLY_TEXT_LENGTH && !value.includes('\0')) {
    return value;
  }
  errors.push({
    field: `${at}${at ? '.' : ''}${field}`,
    message: `must be a string of at most ${MAX_REPLY_TEXT_LENGTH} characters`,
  });
  return undefined;
}

/** A short optional field; anything else (too long, control characters) counts as absent. */
function optional(value: unknown): string | undefined {
  return typeof value === 'string' &&
    value.length <= MAX_FIELD_LENGTH &&
    /^[^\p{Cc}]+$/u.test(value)
    ? value.trim() || undefined
    : undefined;
}

/** `示例商城` or `【示例商城】` (Aliyun's MNS samples keep the brackets). */
function signName(value: unknown): string | undefined {
  const text = optional(value);
  return text === undefined ? undefined : text.replace(/^【(.*)】$/u, '$1').trim() || undefined;
}

function isEntry(value: unknown): value is Entry {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `2017-09-01 00:00:00` or `20170901000000`, China Standard Time (UTC+8). */
function chinaTime(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^(\d{4})-?(\d{2})-?(\d{2}) ?(\d{2}):?(\d{2}):?(\d{2})$/.exec(value.trim());
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second] = match;
  const date = new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}+08:00`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
