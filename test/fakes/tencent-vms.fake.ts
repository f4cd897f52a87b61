import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { pushJson } from './callback-push';
import type { PushAnswer } from './callback-push';
import { startFakeHttpServer } from './provider-fake-server';
import type {
  FakeHttpReaction,
  FakeTransportMode,
  ReceivedHttpRequest,
} from './provider-fake-server';
import {
  checkTencentProtocol,
  parseTencentBody,
  TencentRejection,
} from './tencent-sms.fake-checks';

/**
 * A local Tencent Cloud VMS (`SendCodeVoice`, 2020-09-02) that checks what the real API checks
 * (providers-2.md §1.8): the TC3 signature with service `vms` (the SMS fake's verifier), the
 * app id, digits-only `CodeMessage`, an E.164 `CalledNumber`, `PlayTimes` 1–3. Every error is
 * `Response.Error` with HTTP 200: VMS has no per-number status.
 */

export interface TencentVmsFakeOptions {
  secretId: string;
  secretKey: string;
  voiceSdkAppId: string;
  maxSkewSeconds?: number;
  now?: () => number;
}

/** A scripted `Response.Error` for an otherwise valid call. */
export interface TencentVmsScriptedError {
  code: string;
  message?: string;
}

export type TencentVmsFakeMode = FakeTransportMode | TencentVmsScriptedError;

export interface TencentVmsFakeRequest {
  headers: IncomingHttpHeaders;
  rawBody: string;
  body?: Record<string, unknown>;
  /** `Ok`, or the error code answered. */
  outcome?: string;
}

/** A placed call; the status callback's `callid` is the `CallId`. */
export interface TencentVmsCall {
  callId: string;
  calledNumber: string;
  codeMessage: string;
  playTimes?: number;
  sessionContext?: string;
}

/** How a call ended, as `voicecode_callback.result` says: 0 answered, 1 not, 2 call error. */
export type TencentCallResult = '0' | '1' | '2';

export interface TencentVmsFake {
  url: string;
  requests: TencentVmsFakeRequest[];
  calls: TencentVmsCall[];
  setMode(mode: TencentVmsFakeMode): void;
  /**
   * POSTs the voice-code status event of a placed call to `callbackUrl` (the console's event
   * callback URL), as VMS does when the call ends; taken when answered `{"result":0}`.
   */
  pushCallResult(
    callbackUrl: string,
    callId: string,
    result: TencentCallResult,
  ): Promise<PushAnswer>;
  /** POSTs the `voice_failure_callback` event (a numeric `failure_code`, e.g. 5 no answer). */
  pushFailureReason(
    callbackUrl: string,
    callId: string,
    failureCode: number,
    failureReason: string,
  ): Promise<PushAnswer>;
  close(): Promise<void>;
}

const MESSAGES: Record<string, string> = {
  'InvalidParameterValue.CalledNumberVerifyFail': 'called number verify fail',
  'InvalidParameterValue.SdkAppidNotExist': 'sdkappid not exist',
  'FailedOperation.InvalidParameters': 'invalid parameters',
  'FailedOperation.InsufficientBalanceInVoicePackage': 'insufficient balance in voice package',
  'LimitExceeded.DeliveryFrequencyLimit': 'delivery frequency limit',
};

const E164 = /^\+[1-9]\d{6,14}$/;

export async function startTencentVmsFake(options: TencentVmsFakeOptions): Promise<TencentVmsFake> {
  const requests: TencentVmsFakeRequest[] = [];
  const calls: TencentVmsCall[] = [];
  let mode: TencentVmsFakeMode = 'ok';
  const expectation = {
    ...options,
    service: 'vms',
    action: 'SendCodeVoice',
    version: '2020-09-02',
  };

  const react = (received: ReceivedHttpRequest): FakeHttpReaction => {
    if (mode === 'down') return 'drop';
    const record: TencentVmsFakeRequest = { headers: received.headers, rawBody: received.body };
    requests.push(record);
    if (mode === 'slow') return 'hang';
    if (mode === 'error500') {
      return { status: 500, headers: { 'content-type': 'text/html' }, body: '<html>500</html>' };
    }
    try {
      checkTencentProtocol(received, expectation);
      const body = parseTencentBody(received.body);
      record.body = body;
      const call = checkSendCodeVoice(body, options);
      if (typeof mode === 'object') throw new TencentRejection(mode.code, mode.message);
      calls.push(call);
      record.outcome = 'Ok';
      return answer({
        SendStatus: { CallId: call.callId, SessionContext: call.sessionContext ?? null },
      });
    } catch (error) {
      if (!(error instanceof TencentRejection)) throw error;
      const message =
        error.message === error.code ? (MESSAGES[error.code] ?? error.code) : error.message;
      record.outcome = error.code;
      return answer({ Error: { Code: error.code, Message: message } });
    }
  };

  const server = await startFakeHttpServer(react);
  return {
    url: server.url,
    requests,
    calls,
    setMode: (next) => {
      mode = next;
    },
    pushCallResult: (callbackUrl, callId, result) => {
      const call = placedCall(calls, callId);
      const now = Math.floor(Date.now() / 1000);
      const answered = result === '0';
      return pushJson(
        callbackUrl,
        {
          voicecode_callback: {
            result,
            accept_time: answered ? String(now - 10) : '',
            call_from: CALLER_SHOWN,
            callid: call.callId,
            end_calltime: String(now),
            fee: answered ? '1' : '0',
            ...callee(call.calledNumber),
            start_calltime: String(now - 25),
          },
        },
        tencentTookIt,
      );
    },
    pushFailureReason: (callbackUrl, callId, failureCode, failureReason) => {
      const call = placedCall(calls, callId);
      return pushJson(
        callbackUrl,
        {
          voice_failure_callback: {
            call_from: CALLER_SHOWN,
            callid: call.callId,
            failure_code: failureCode,
            failure_reason: failureReason,
            ...callee(call.calledNumber),
          },
        },
        tencentTookIt,
      );
    },
    close: () => server.close(),
  };
}

/** The number VMS shows the callee (the platform's own in the common mode). */
const CALLER_SHOWN = '075583763333';

function placedCall(calls: TencentVmsCall[], callId: string): TencentVmsCall {
  const call = calls.find((placed) => placed.callId === callId);
  if (call === undefined) throw new Error(`the Tencent VMS fake placed no call ${callId}`);
  return call;
}

/** `mobile` is the national number and `nationcode` the country code, both strings. */
function callee(calledNumber: string): { mobile: string; nationcode: string } {
  const mainland = /^\+86(\d+)$/.exec(calledNumber);
  if (mainland) return { mobile: mainland[1], nationcode: '86' };
  return { mobile: calledNumber.replace(/^\+/, ''), nationcode: '' };
}

/** Tencent takes an event answered 200 with `result` 0 (a number); otherwise it failed. */
const tencentTookIt = (status: number, answer: unknown): boolean =>
  status === 200 &&
  typeof answer === 'object' &&
  answer !== null &&
  (answer as { result?: unknown }).result === 0;

function checkSendCodeVoice(
  body: Record<string, unknown>,
  options: TencentVmsFakeOptions,
): TencentVmsCall {
  const { CodeMessage: code, CalledNumber: called, VoiceSdkAppid: appId } = body;
  const { PlayTimes: playTimes, SessionContext: sessionContext } = body;
  if (typeof code !== 'string' || typeof called !== 'string' || typeof appId !== 'string') {
    throw new TencentRejection(
      'MissingParameter',
      'CodeMessage, CalledNumber and VoiceSdkAppid are required',
    );
  }
  if (appId !== options.voiceSdkAppId) {
    throw new TencentRejection('InvalidParameterValue.SdkAppidNotExist');
  }
  if (!E164.test(called))
    throw new TencentRejection('InvalidParameterValue.CalledNumberVerifyFail');
  // Digits only: the platform reads "您的验证码是" and then them.
  if (!/^\d+$/.test(code)) throw new TencentRejection('FailedOperation.InvalidParameters');
  if (
    playTimes !== undefined &&
    !(Number.isInteger(playTimes) && [1, 2, 3].includes(playTimes as number))
  ) {
    throw new TencentRejection('FailedOperation.InvalidParameters');
  }
  if (sessionContext !== undefined && typeof sessionContext !== 'string') {
    throw new TencentRejection('InvalidParameter', 'SessionContext must be a string');
  }
  return {
    callId: randomUUID(),
    calledNumber: called,
    codeMessage: code,
    playTimes: playTimes as number | undefined,
    sessionContext,
  };
}

function answer(response: Record<string, unknown>): FakeHttpReaction {
  return {
    status: 200,
    headers: { 'content-type': 'application/json', 'x-tc-traceid': randomUUID() },
    body: JSON.stringify({ Response: { ...response, RequestId: randomUUID() } }),
  };
}
