import { chinaTimeText } from './callback-push';
import type { AliyunFakeSentMessage } from './aliyun-sms.fake';
import { postJson, PushedReplyAnswer, tencentNumber } from './sms-reply-push';
import type { TencentFakeSentMessage } from './tencent-sms.fake';

/**
 * Delivery receipts (状态回执) pushed the way each vendor pushes them to the callback URL of its
 * console (providers.md §1.7, §2.6): both a JSON array of reports, neither signed.
 */

export interface ReceiptOf<Message> {
  message: Message;
  delivered: boolean;
  /** The carrier's code: `DELIVRD` when delivered by default, else e.g. `MK:0005`. */
  code?: string;
}

/**
 * Tencent's status report: one entry per number, `sid` its own `SerialNo` (a multi-number
 * SendSms gives each number one).
 */
export function tencentReceiptEntry(
  receipt: ReceiptOf<TencentFakeSentMessage>,
): Record<string, unknown> {
  return {
    user_receive_time: chinaTimeText(new Date()),
    ...tencentNumber(receipt.message.phoneNumber),
    report_status: receipt.delivered ? 'SUCCESS' : 'FAIL',
    errmsg: receipt.code ?? (receipt.delivered ? 'DELIVRD' : 'MK:0005'),
    description: receipt.delivered ? '用户短信送达成功' : '空号',
    sid: receipt.message.serialNo,
  };
}

/**
 * Aliyun's `SmsReport`: `biz_id` is the request's BizId (shared by a SendBatchSms's numbers),
 * `phone_number` the number as it was sent (mainland numbers national).
 */
export function aliyunReceiptEntry(
  receipt: ReceiptOf<AliyunFakeSentMessage>,
): Record<string, unknown> {
  const now = chinaTimeText(new Date());
  return {
    phone_number: receipt.message.phoneNumbers,
    send_time: now,
    report_time: now,
    success: receipt.delivered,
    err_code: receipt.code ?? (receipt.delivered ? 'DELIVERED' : 'MN:0017'),
    err_msg: receipt.delivered ? '用户接收成功' : '空号',
    sms_size: '1',
    biz_id: receipt.message.bizId,
    out_id: receipt.message.outId ?? '',
  };
}

/** Posts a batch as Tencent does; Tencent expects `{ result: 0 }`. */
export async function pushTencentReceipts(
  callbackUrl: string,
  receipts: Array<ReceiptOf<TencentFakeSentMessage>>,
): Promise<PushedReplyAnswer> {
  const answer = await postJson(callbackUrl, receipts.map(tencentReceiptEntry));
  const result = (answer.body as { result?: unknown } | null)?.result;
  return { ...answer, accepted: answer.status === 200 && result === 0 };
}

/** Posts a batch as Aliyun does; Aliyun expects HTTP 200 with a numeric `code` (0). */
export async function pushAliyunReceipts(
  callbackUrl: string,
  receipts: Array<ReceiptOf<AliyunFakeSentMessage>>,
): Promise<PushedReplyAnswer> {
  const answer = await postJson(callbackUrl, receipts.map(aliyunReceiptEntry));
  const code = (answer.body as { code?: unknown } | null)?.code;
  return { ...answer, accepted: answer.status === 200 && code === 0 };
}
