/**
 * Replies (上行) pushed the way each vendor pushes them to the callback URL configured in its
 * console (providers-2.md §4): Tencent one JSON object per reply, Aliyun a JSON array. The
 * vendors sign neither; they check the answer's shape, which these do too.
 */

export interface PushedReplyAnswer {
  status: number;
  body: unknown;
  /** The vendor would take it as received: HTTP 200 and its answer shape. */
  accepted: boolean;
}

/** Tencent's reply callback body (https://cloud.tencent.com/document/api/382/59179). */
export interface TencentReplyPush {
  /** E.164 (`+8613800138000`); Tencent splits it into `nationcode` and a national `mobile`. */
  phone: string;
  sign: string;
  text: string;
  /** Unix seconds; now by default. */
  time?: number;
  extend?: string;
}

/** Tencent's split of an E.164 number: `nationcode` and the national `mobile`. */
export function tencentNumber(phone: string): { nationcode: string; mobile: string } {
  const match = /^\+(86|1|852|853|886|\d{2})(\d+)$/.exec(phone);
  if (match === null) throw new Error(`Not an E.164 number: ${phone}`);
  return { nationcode: match[1], mobile: match[2] };
}

export function tencentReplyBody(reply: TencentReplyPush): Record<string, unknown> {
  const { nationcode, mobile } = tencentNumber(reply.phone);
  return {
    extend: reply.extend ?? '',
    mobile,
    nationcode,
    sign: reply.sign,
    text: reply.text,
    time: reply.time ?? Math.floor(Date.now() / 1000),
  };
}

/** Posts one reply as Tencent does; Tencent expects `{ result: 0 }`. */
export async function pushTencentReply(
  callbackUrl: string,
  reply: TencentReplyPush,
): Promise<PushedReplyAnswer> {
  const answer = await postJson(callbackUrl, tencentReplyBody(reply));
  const result = (answer.body as { result?: unknown } | null)?.result;
  return { ...answer, accepted: answer.status === 200 && result === 0 };
}

/** One entry of Aliyun's `SmsUp` push. */
export interface AliyunReplyPush {
  /** E.164; mainland numbers are pushed nationally (`13800138000`). */
  phone: string;
  content: string;
  /** Only some documented variants carry it. */
  signName?: string;
  destCode?: string;
  sequenceId?: string | number;
  /** China time; now by default. */
  sendTime?: Date;
  /** `YYYY-MM-DD HH:mm:ss` (the current page) or `YYYYMMDDHHmmss` (an older sample). */
  timeFormat?: 'dashed' | 'compact';
}

let sequence = Math.floor(Date.now() / 1000) * 1000;

export function aliyunReplyEntry(reply: AliyunReplyPush): Record<string, unknown> {
  const china = new Date((reply.sendTime ?? new Date()).getTime() + 8 * 3600_000)
    .toISOString()
    .slice(0, 19);
  const dashed = china.replace('T', ' ');
  return {
    phone_number: reply.phone.startsWith('+86') ? reply.phone.slice(3) : reply.phone.slice(1),
    content: reply.content,
    send_time: reply.timeFormat === 'compact' ? dashed.replace(/[- :]/g, '') : dashed,
    dest_code: reply.destCode ?? '1234',
    sequence_id: reply.sequenceId ?? String(++sequence),
    ...(reply.signName === undefined ? {} : { sign_name: reply.signName }),
  };
}

/** Posts a batch as Aliyun does; Aliyun expects HTTP 200 with a numeric `code` (0). */
export async function pushAliyunReplies(
  callbackUrl: string,
  replies: AliyunReplyPush[],
): Promise<PushedReplyAnswer> {
  const answer = await postJson(callbackUrl, replies.map(aliyunReplyEntry));
  const code = (answer.body as { code?: unknown } | null)?.code;
  return { ...answer, accepted: answer.status === 200 && code === 0 };
}

export async function postJson(
  url: string,
  body: unknown,
): Promise<Omit<PushedReplyAnswer, 'accepted'>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Left as text: the vendor would not accept it.
  }
  return { status: response.status, body: parsed };
}
