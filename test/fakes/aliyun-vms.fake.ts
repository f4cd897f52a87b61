import { randomInt, randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { AliyunRejection, checkAliyunProtocol, decodeAliyunQuery } from './aliyun-sms.fake-checks';
import { chinaTimeText, pushJson } from './callback-push';
import type { PushAnswer } from './callback-push';
import { startFakeHttpServer } from './provider-fake-server';
import type {
  FakeHttpReaction,
  FakeTransportMode,
  ReceivedHttpRequest,
} from './provider-fake-server';

/**
 * A local Alibaba Cloud VMS (Dyvmsapi 2017-05-25 `SingleCallByTts`, ACS3-HMAC-SHA256, the SMS
 * fake's verifier) that checks what the real API checks (providers-2.md §2.8): one callee, an
 * approved TTS template with every variable given (digits and letters only in a voice-code
 * template), `PlayTimes` 1–3, `OutId` at most 15 bytes, a caller number of the account.
 * Business errors are HTTP 200, gateway errors 4xx.
 */

export interface AliyunVmsFakeTemplate {
  /** The `${name}` variables of the TTS template; `TtsParam` must give each. */
  variables: string[];
  /** A voice-code template: its variables take digits and letters only. */
  voiceCode?: boolean;
}

export interface AliyunVmsFakeOptions {
  accessKeyId: string;
  accessKeySecret: string;
  approvedTemplates: Record<string, AliyunVmsFakeTemplate>;
  /** Caller numbers the account bought (dedicated mode); any other `CalledShowNumber` is refused. */
  showNumbers?: string[];
  maxSkewSeconds?: number;
  now?: () => number;
}

export interface AliyunVmsScriptedError {
  code: string;
  message?: string;
  httpStatus?: number;
}

export type AliyunVmsFakeMode = FakeTransportMode | AliyunVmsScriptedError;

export interface AliyunVmsFakeRequest {
  headers: IncomingHttpHeaders;
  query: Record<string, string>;
  /** `OK`, or the `Code` answered. */
  outcome?: string;
}

/** A placed call; `VoiceReport`'s `call_id` is the `CallId`. */
export interface AliyunVmsCall {
  callId: string;
  calledNumber: string;
  calledShowNumber?: string;
  ttsCode: string;
  ttsParam: Record<string, string>;
  playTimes?: number;
  outId?: string;
}

export interface AliyunVmsFake {
  url: string;
  requests: AliyunVmsFakeRequest[];
  calls: AliyunVmsCall[];
  setMode(mode: AliyunVmsFakeMode): void;
  /**
   * POSTs the `VoiceReport` of placed calls (a JSON array, HTTP batch push mode) to
   * `callbackUrl` once they ended with `statusCode` (200000 heard, 200002 busy, 200003 not
   * answered…), as Dyvms does; taken when answered HTTP 200 with a numeric `code`.
   */
  pushVoiceReport(
    callbackUrl: string,
    reports: Array<{ callId: string; statusCode: string }>,
  ): Promise<PushAnswer>;
  close(): Promise<void>;
}

const MESSAGES: Record<string, string> = {
  'isv.MOBILE_NUMBER_ILLEGAL': '号码格式非法',
  'isv.TTS_TEMPLATE_ILLEGAL': 'TTS模板不合法',
  'isv.TEMPLATE_MISSING_PARAMETERS': '模板缺少变量',
  'isv.TEMPLATE_PARAMS_ILLEGAL': '模板变量中存在非法字符',
  'isv.INVALID_PARAMETERS': '参数异常',
  'isv.DISPLAY_NUMBER_ILLEGAL': '号显不合法',
  'isv.AMOUNT_NOT_ENOUGH': '账户余额不足',
};

const MAINLAND = /^(?:0\d{9,11}|1[3-9]\d{9})$/;
const INTERNATIONAL = /^[1-9]\d{7,14}$/;

export async function startAliyunVmsFake(options: AliyunVmsFakeOptions): Promise<AliyunVmsFake> {
  const requests: AliyunVmsFakeRequest[] = [];
  const calls: AliyunVmsCall[] = [];
  const usedNonces = new Set<string>();
  let mode: AliyunVmsFakeMode = 'ok';

  const react = (received: ReceivedHttpRequest): FakeHttpReaction => {
    if (mode === 'down') return 'drop';
    const [pathname, rawQuery = ''] = received.target.split('?', 2);
    const query = decodeAliyunQuery(rawQuery);
    const record: AliyunVmsFakeRequest = { headers: received.headers, query };
    requests.push(record);
    if (mode === 'slow') return 'hang';
    if (mode === 'error500') {
      return answer(500, { Code: 'InternalError', Message: 'The request processing has failed.' });
    }
    try {
      checkAliyunProtocol(received, pathname, query, options, usedNonces, 'SingleCallByTts');
      const call = checkSingleCallByTts(query, options);
      if (typeof mode === 'object') {
        throw new AliyunRejection(mode.code, mode.httpStatus, mode.message ?? MESSAGES[mode.code]);
      }
      calls.push(call);
      record.outcome = 'OK';
      return answer(200, { Code: 'OK', Message: 'OK', CallId: call.callId });
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
    calls,
    setMode: (next) => {
      mode = next;
    },
    pushVoiceReport: (callbackUrl, reports) =>
      pushJson(
        callbackUrl,
        reports.map(({ callId, statusCode }) => voiceReport(placedCall(calls, callId), statusCode)),
        (status, answer) =>
          status === 200 &&
          typeof answer === 'object' &&
          answer !== null &&
          typeof (answer as { code?: unknown }).code === 'number',
      ),
    close: () => server.close(),
  };
}

const STATUS_MESSAGES: Record<string, string> = {
  '200000': '用户听完',
  '200001': '用户未听完挂断',
  '200002': '用户忙',
  '200003': '振铃未接听',
  '200005': '无法接通或拒接',
  '200010': '关机',
};

function placedCall(calls: AliyunVmsCall[], callId: string): AliyunVmsCall {
  const call = calls.find((placed) => placed.callId === callId);
  if (call === undefined) throw new Error(`the Aliyun VMS fake placed no call ${callId}`);
  return call;
}

/** A VoiceReport entry: every field a string; start and end times empty when not connected. */
function voiceReport(call: AliyunVmsCall, statusCode: string): Record<string, string> {
  const end = new Date();
  const connected = statusCode === '200000' || statusCode === '200001';
  const originate = new Date(end.getTime() - 30_000);
  return {
    call_id: call.callId,
    originate_time: chinaTimeText(originate),
    ring_time: chinaTimeText(new Date(originate.getTime() + 3000)),
    start_time: connected ? chinaTimeText(new Date(end.getTime() - 16_000)) : '',
    end_time: connected ? chinaTimeText(end) : '',
    duration: connected ? '16' : '0',
    status_code: statusCode,
    status_msg: STATUS_MESSAGES[statusCode] ?? '其他',
    out_id: call.outId ?? '',
    caller: call.calledShowNumber ?? '',
    callee: call.calledNumber,
    hangup_direction: connected ? '用户' : '机器',
    voice_type: 'voice',
    dtmf: '',
    extend: '',
  };
}

function reject(code: string): AliyunRejection {
  return new AliyunRejection(code, 200, MESSAGES[code] ?? code);
}

function checkSingleCallByTts(
  query: Record<string, string>,
  options: AliyunVmsFakeOptions,
): AliyunVmsCall {
  const { CalledNumber: called, TtsCode: ttsCode, CalledShowNumber: showNumber } = query;
  if (!called || !ttsCode) throw reject('isv.INVALID_PARAMETERS');
  // One callee per request, without "+": mainland numbers national, others with country code.
  if (!MAINLAND.test(called) && !INTERNATIONAL.test(called))
    throw reject('isv.MOBILE_NUMBER_ILLEGAL');
  if (showNumber !== undefined && !(options.showNumbers ?? []).includes(showNumber)) {
    throw reject('isv.DISPLAY_NUMBER_ILLEGAL');
  }
  const template = options.approvedTemplates[ttsCode];
  if (template === undefined) throw reject('isv.TTS_TEMPLATE_ILLEGAL');
  const ttsParam = parseTtsParam(query.TtsParam);
  if (!template.variables.every((name) => name in ttsParam)) {
    throw reject('isv.TEMPLATE_MISSING_PARAMETERS');
  }
  if (Object.values(ttsParam).join('').length >= 250) throw reject('isv.PARAM_LENGTH_LIMIT');
  if (
    template.voiceCode &&
    !Object.values(ttsParam).every((value) => /^[A-Za-z0-9]+$/.test(value))
  ) {
    throw reject('isv.TEMPLATE_PARAMS_ILLEGAL');
  }
  const playTimes = query.PlayTimes === undefined ? undefined : Number(query.PlayTimes);
  if (playTimes !== undefined && ![1, 2, 3].includes(playTimes)) {
    throw reject('isv.INVALID_PARAMETERS');
  }
  const { OutId: outId } = query;
  if (outId !== undefined && (outId.length === 0 || Buffer.byteLength(outId) > 15)) {
    throw reject('isv.INVALID_PARAMETERS');
  }
  const callId = `${randomInt(1e11, 1e12)}^${randomInt(1e10, 1e11)}`;
  return {
    callId,
    calledNumber: called,
    calledShowNumber: showNumber,
    ttsCode,
    ttsParam,
    playTimes,
    outId,
  };
}

function parseTtsParam(raw: string | undefined): Record<string, string> {
  if (raw === undefined) return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      !Array.isArray(parsed) &&
      Object.values(parsed).every((value) => typeof value === 'string')
    ) {
      return parsed as Record<string, string>;
    }
  } catch {
    // answered below
  }
  throw reject('isv.TEMPLATE_PARAMS_ILLEGAL');
}

function answer(
  status: number,
  body: { Code: string; Message: string; CallId?: string },
): FakeHttpReaction {
  const requestId = randomUUID().toUpperCase();
  const gatewayFields = status === 200 ? {} : { HostId: 'dyvmsapi.aliyuncs.com' };
  return {
    status,
    headers: { 'content-type': 'application/json;charset=utf-8' },
    body: JSON.stringify({ RequestId: requestId, ...gatewayFields, ...body }),
  };
}
