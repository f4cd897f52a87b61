import { randomInt, randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { startFakeHttpServer } from './provider-fake-server';
import {
  checkTencentProtocol,
  checkTencentSendSms,
  parseTencentBody,
  TencentRejection,
  tencentMessage,
} from './tencent-sms.fake-checks';
import type { ValidSendSms } from './tencent-sms.fake-checks';
import type {
  FakeHttpReaction,
  FakeTransportMode,
  ReceivedHttpRequest,
} from './provider-fake-server';

/**
 * A local Tencent Cloud SMS (`SendSms`, 2021-01-11) that checks what the real API checks
 * (providers.md §1.10) and answers with the real bodies, always HTTP 200 for API errors.
 */

export interface TencentFakeTemplate {
  /** How many positional parameters ({1}, {2}, …) the template has. */
  paramCount: number;
  /** Verification-code templates accept only 0–6 digit parameters. */
  verificationCode?: boolean;
}

export interface TencentSmsFakeOptions {
  secretId: string;
  secretKey: string;
  sdkAppId: string;
  approvedSignNames: string[];
  approvedTemplates: Record<string, TencentFakeTemplate>;
  /** The credential-scope service to expect; `sms`. The official SDK signs `127` for an IP. */
  service?: string;
  /** Allowed distance between `X-TC-Timestamp` and the fake's clock; the real API allows 300. */
  maxSkewSeconds?: number;
  /** The fake's clock in epoch milliseconds, to simulate skew. */
  now?: () => number;
}

/** A scripted error for an otherwise valid send, request-level or in `SendStatusSet`. */
export interface TencentScriptedError {
  code: string;
  message?: string;
  level: 'request' | 'number';
}

export type TencentSmsFakeMode =
  FakeTransportMode | 'refuse-number' | 'too-frequent' | 'daily-limit' | TencentScriptedError;

export interface TencentFakeRequest {
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** The parsed JSON body, when it parsed to an object. */
  body?: Record<string, unknown>;
  /** `Ok`, or the error code answered (request-level or for the first number). */
  outcome?: string;
  /** Per number of a SendSms answered with a `SendStatusSet`: `Ok` or its error code. */
  outcomes?: string[];
}

/** An accepted message, for delivery receipts: Tencent's callback `sid` is the `SerialNo`. */
export interface TencentFakeSentMessage {
  serialNo: string;
  phoneNumber: string;
  signName: string;
  templateId: string;
  templateParams: string[];
  sessionContext: string;
}

export interface TencentSmsFake {
  url: string;
  requests: TencentFakeRequest[];
  sent: TencentFakeSentMessage[];
  setMode(mode: TencentSmsFakeMode): void;
  /**
   * Refuses this number with `code` in its `SendStatusSet` entry, the other numbers of the
   * request sent as usual (a per-number refusal); `undefined` lifts it.
   */
  refuseNumber(phone: string, code: string | undefined): void;
  /** The order of `SendStatusSet` is undocumented: `reversed` answers it backwards. */
  setStatusOrder(order: 'as-sent' | 'reversed'): void;
  close(): Promise<void>;
}

const SCRIPTED: Partial<Record<string, TencentScriptedError>> = {
  'refuse-number': { code: 'InvalidParameterValue.IncorrectPhoneNumber', level: 'request' },
  'too-frequent': { code: 'LimitExceeded.PhoneNumberThirtySecondLimit', level: 'number' },
  'daily-limit': { code: 'LimitExceeded.PhoneNumberDailyLimit', level: 'number' },
};

export async function startTencentSmsFake(options: TencentSmsFakeOptions): Promise<TencentSmsFake> {
  const requests: TencentFakeRequest[] = [];
  const sent: TencentFakeSentMessage[] = [];
  let mode: TencentSmsFakeMode = 'ok';
  const refusedNumbers = new Map<string, string>();
  let statusOrder: 'as-sent' | 'reversed' = 'as-sent';

  const react = (received: ReceivedHttpRequest): FakeHttpReaction => {
    if (mode === 'down') return 'drop';
    const record: TencentFakeRequest = { headers: received.headers, rawBody: received.body };
    requests.push(record);
    if (mode === 'slow') return 'hang';
    if (mode === 'error500') {
      return { status: 500, headers: { 'content-type': 'text/html' }, body: '<html>500</html>' };
    }
    try {
      checkTencentProtocol(received, options);
      const body = parseTencentBody(received.body);
      record.body = body;
      const message = checkTencentSendSms(body, options);
      const scripted = typeof mode === 'string' ? SCRIPTED[mode] : mode;
      if (scripted?.level === 'request') {
        throw new TencentRejection(scripted.code, scripted.message);
      }
      const statuses = message.phoneNumbers.map((phoneNumber) => {
        const refusal = refusedNumbers.get(phoneNumber);
        const numberError: TencentScriptedError | undefined =
          refusal === undefined ? scripted : { code: refusal, level: 'number' };
        return sendStatus(phoneNumber, message, numberError, sent);
      });
      record.outcomes = statuses.map((status) => status.Code);
      record.outcome = statuses[0].Code;
      return answer({
        SendStatusSet: statusOrder === 'reversed' ? [...statuses].reverse() : statuses,
      });
    } catch (error) {
      if (!(error instanceof TencentRejection)) throw error;
      record.outcome = error.code;
      return answer({ Error: { Code: error.code, Message: error.message } });
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
    setStatusOrder: (order) => {
      statusOrder = order;
    },
    refuseNumber: (phone, code) => {
      if (code === undefined) refusedNumbers.delete(phone);
      else refusedNumbers.set(phone, code);
    },
    close: () => server.close(),
  };
}

function answer(response: Record<string, unknown>): FakeHttpReaction {
  const requestId = randomUUID();
  return {
    status: 200,
    headers: { 'content-type': 'application/json', 'x-tc-traceid': randomUUID() },
    body: JSON.stringify({ Response: { ...response, RequestId: requestId } }),
  };
}

interface TencentSendStatus {
  SerialNo: string;
  PhoneNumber: string;
  Fee: number;
  SessionContext: string;
  Code: string;
  Message: string;
  IsoCode: string;
}

function sendStatus(
  phoneNumber: string,
  message: ValidSendSms,
  scripted: TencentScriptedError | undefined,
  sent: TencentFakeSentMessage[],
): TencentSendStatus {
  const common = {
    PhoneNumber: phoneNumber,
    SessionContext: message.sessionContext,
    IsoCode: phoneNumber.startsWith('+86') || !phoneNumber.startsWith('+') ? 'CN' : 'DEF',
  };
  if (scripted !== undefined) {
    // Fee and SerialNo of a failed number are undocumented; 0 and '' are assumptions.
    const text = scripted.message ?? tencentMessage(scripted.code);
    return { SerialNo: '', Fee: 0, Code: scripted.code, Message: text, ...common };
  }
  const serialNo = `2433:${Date.now()}${digits(randomInt(1e9), 9)}${digits(sent.length, 6)}`;
  const { signName, templateId, templateParams, sessionContext } = message;
  sent.push({ serialNo, phoneNumber, signName, templateId, templateParams, sessionContext });
  return { SerialNo: serialNo, Fee: 1, Code: 'Ok', Message: 'send success', ...common };
}

function digits(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
