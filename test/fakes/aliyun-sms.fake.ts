import { randomInt, randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import {
  AliyunRejection,
  checkAliyunProtocol,
  checkAliyunSendBatchSms,
  checkAliyunSendSms,
  decodeAliyunQuery,
} from './aliyun-sms.fake-checks';
import type { AliyunAction } from './aliyun-sms.fake-checks';
import { startFakeHttpServer } from './provider-fake-server';
import type {
  FakeHttpReaction,
  FakeTransportMode,
  ReceivedHttpRequest,
} from './provider-fake-server';

/**
 * A local Alibaba Cloud SMS (Dysmsapi 2017-05-25 `SendSms`, ACS3-HMAC-SHA256) that checks what
 * the real API checks (providers.md §2.9): gateway errors are HTTP 4xx, business errors HTTP 200.
 */

export interface AliyunFakeTemplate {
  /** The `${name}` variables the template declares; `TemplateParam` must give each. */
  variables: string[];
}

export interface AliyunSmsFakeOptions {
  accessKeyId: string;
  accessKeySecret: string;
  approvedSignNames: string[];
  approvedTemplates: Record<string, AliyunFakeTemplate>;
  /** Allowed distance between `x-acs-date` and the fake's clock (the real window is unknown). */
  maxSkewSeconds?: number;
  /** The fake's clock in epoch milliseconds, to simulate skew. */
  now?: () => number;
}

/** A scripted error for an otherwise valid send; HTTP 200 unless `httpStatus` says otherwise. */
export interface AliyunScriptedError {
  code: string;
  message?: string;
  httpStatus?: number;
}

export type AliyunSmsFakeMode =
  | FakeTransportMode
  | 'refuse-number'
  | 'too-frequent'
  | 'daily-limit'
  | 'throttled'
  | AliyunScriptedError;

export interface AliyunFakeRequest {
  headers: IncomingHttpHeaders;
  /** The decoded query parameters (the business fields). */
  query: Record<string, string>;
  rawBody: string;
  /** `OK`, or the `Code` answered. */
  outcome?: string;
}

/**
 * An accepted message, for delivery receipts: Aliyun's `SmsReport` `biz_id` is the `BizId`.
 * A SendBatchSms leaves one per number, all with the batch's BizId.
 */
export interface AliyunFakeSentMessage {
  bizId: string;
  phoneNumbers: string;
  signName: string;
  templateCode: string;
  templateParam: Record<string, string>;
  outId?: string;
}

export interface AliyunSmsFake {
  url: string;
  requests: AliyunFakeRequest[];
  sent: AliyunFakeSentMessage[];
  setMode(mode: AliyunSmsFakeMode): void;
  /**
   * Refuses a send that carries this number (national form, as Aliyun takes it) with `code`:
   * Aliyun answers one `Code` per request, so a batch with it is refused whole. `undefined`
   * lifts it.
   */
  refuseNumber(aliyunNumber: string, code: string | undefined): void;
  close(): Promise<void>;
}

const SCRIPTED: Partial<Record<string, AliyunScriptedError>> = {
  'refuse-number': { code: 'isv.MOBILE_NUMBER_ILLEGAL' },
  'too-frequent': { code: 'isv.BUSINESS_LIMIT_CONTROL', message: '触发分钟级流控Permits:1' },
  'daily-limit': { code: 'isv.BUSINESS_LIMIT_CONTROL', message: '触发天级流控Permits:10' },
  throttled: { code: 'Throttling.User', httpStatus: 400 },
};

const ACTIONS: readonly AliyunAction[] = ['SendSms', 'SendBatchSms'];

export async function startAliyunSmsFake(options: AliyunSmsFakeOptions): Promise<AliyunSmsFake> {
  const requests: AliyunFakeRequest[] = [];
  const sent: AliyunFakeSentMessage[] = [];
  const usedNonces = new Set<string>();
  let mode: AliyunSmsFakeMode = 'ok';
  const refusedNumbers = new Map<string, string>();

  const react = (received: ReceivedHttpRequest): FakeHttpReaction => {
    if (mode === 'down') return 'drop';
    const [pathname, rawQuery = ''] = received.target.split('?', 2);
    const query = decodeAliyunQuery(rawQuery);
    const record: AliyunFakeRequest = { headers: received.headers, query, rawBody: received.body };
    requests.push(record);
    if (mode === 'slow') return 'hang';
    if (mode === 'error500') {
      return answer(500, { Code: 'InternalError', Message: 'The request processing has failed.' });
    }
    try {
      checkAliyunProtocol(received, pathname, query, options, usedNonces, ACTIONS);
      const action = received.headers['x-acs-action'] as AliyunAction;
      const messages =
        action === 'SendBatchSms'
          ? checkAliyunSendBatchSms(received, query, options)
          : [checkAliyunSendSms(query, options)];
      const scripted = typeof mode === 'string' ? SCRIPTED[mode] : mode;
      if (scripted !== undefined) {
        throw new AliyunRejection(scripted.code, scripted.httpStatus, scripted.message);
      }
      const refusal = messages
        .flatMap((message) => message.phoneNumbers.split(','))
        .map((phone) => refusedNumbers.get(phone))
        .find((code) => code !== undefined);
      if (refusal !== undefined) throw new AliyunRejection(refusal);
      const bizId = `${Date.now()}${String(randomInt(1e5)).padStart(5, '0')}^0`;
      for (const message of messages) sent.push({ bizId, ...message });
      record.outcome = 'OK';
      return answer(200, { Code: 'OK', Message: 'OK', BizId: bizId });
    } catch (error) {
      if (!(error instanceof AliyunRejection)) throw error;
      record.outcome = error.code;
      return answer(error.httpStatus, { Code: error.code, Message: error.message });
    }
  };

  const server = await startFakeHttpServer(react);
  return {
    url: server.url,
    requests,
    sent,
    setMode: (next) => {
      mode = next;
    },
    refuseNumber: (phone, code) => {
      if (code === undefined) refusedNumbers.delete(phone);
      else refusedNumbers.set(phone, code);
    },
    close: () => server.close(),
  };
}

function answer(
  status: number,
  body: { Code: string; Message: string; BizId?: string },
): FakeHttpReaction {
  const requestId = randomUUID().toUpperCase();
  const gatewayFields =
    status === 200
      ? {}
      : {
          HostId: 'dysmsapi.aliyuncs.com',
          Recommend: `https://api.aliyun.com/troubleshoot?q=${body.Code}&product=Dysmsapi&requestId=${requestId}`,
        };
  return {
    status,
    headers: { 'content-type': 'application/json;charset=utf-8' },
    body: JSON.stringify({ RequestId: requestId, ...gatewayFields, ...body }),
  };
}
