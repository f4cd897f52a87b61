import { createHash, createHmac } from 'node:crypto';
import type { ReceivedHttpRequest } from './provider-fake-server';
import type { AliyunFakeSentMessage, AliyunSmsFakeOptions } from './aliyun-sms.fake';

/** What the real Aliyun SendSms checks before it sends (providers.md §2.9). */

const MESSAGES: Record<string, string> = {
  SignatureDoesNotMatch: 'Specified signature is not matched with our calculation.',
  IncompleteSignature: 'The request signature does not conform to Aliyun standards.',
  'InvalidAccessKeyId.NotFound': 'Specified access key is not found.',
  'InvalidTimeStamp.Expired': 'Specified time stamp or date value is expired.',
  SignatureNonceUsed: 'Specified signature nonce was used already.',
  'Throttling.User': 'Request was denied due to user flow control.',
  'isv.MOBILE_NUMBER_ILLEGAL': '非法手机号',
  'isv.MOBILE_COUNT_OVER_LIMIT': '手机号码数量超过限制',
  'isv.SMS_SIGNATURE_ILLEGAL': '该账号下找不到对应签名',
  'isv.SMS_TEMPLATE_ILLEGAL': '该账号下找不到对应模板',
  'isv.INVALID_PARAMETERS': '参数异常',
  'isv.INVALID_JSON_PARAM': 'JSON参数不合法，只接受字符串值',
  'isv.TEMPLATE_MISSING_PARAMETERS': '模板变量缺少对应参数值',
  'isv.AMOUNT_NOT_ENOUGH': '账户余额不足',
};

/** The Dysmsapi actions a fake takes; the signature and common headers are checked for all. */
export type AliyunAction = 'SendSms' | 'SendBatchSms' | 'SmsConversionIntl';

/** An API error: HTTP 200 for business codes, 4xx for the gateway. */
export class AliyunRejection extends Error {
  constructor(
    readonly code: string,
    readonly httpStatus = 200,
    message = MESSAGES[code] ?? code,
  ) {
    super(message);
  }
}

/** Query values are decoded strictly: `+` stays `+` (clients encode a space as `%20`). */
export function decodeAliyunQuery(rawQuery: string): Record<string, string> {
  const query: Record<string, string> = {};
  for (const pair of rawQuery.split('&').filter(Boolean)) {
    const separator = pair.indexOf('=');
    const key = separator === -1 ? pair : pair.slice(0, separator);
    const value = separator === -1 ? '' : pair.slice(separator + 1);
    query[decodeLeniently(key)] = decodeLeniently(value);
  }
  return query;
}

function decodeLeniently(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const REQUIRED_SIGNED_HEADERS = [
  'host',
  'x-acs-action',
  'x-acs-content-sha256',
  'x-acs-date',
  'x-acs-signature-nonce',
  'x-acs-version',
];

/** The account and clock an Aliyun API fake checks requests against. */
export type AliyunApiAccount = Pick<
  AliyunSmsFakeOptions,
  'accessKeyId' | 'accessKeySecret' | 'maxSkewSeconds' | 'now'
>;

/** The ACS3 signature and common headers of an `action` of a 2017-05-25 API (`SendSms`). */
export function checkAliyunProtocol(
  request: ReceivedHttpRequest,
  pathname: string,
  query: Record<string, string>,
  options: AliyunApiAccount,
  usedNonces: Set<string>,
  action: string | readonly string[] = 'SendSms',
): void {
  const header = (name: string): string | undefined => single(request.headers[name]);
  const actions: readonly string[] = typeof action === 'string' ? [action] : action;
  if (
    request.method !== 'POST' ||
    pathname !== '/' ||
    !actions.includes(header('x-acs-action') ?? '')
  ) {
    throw new AliyunRejection(
      'InvalidAction.NotFound',
      404,
      'Specified api is not found, please check your url and method.',
    );
  }
  if (header('x-acs-version') !== '2017-05-25') {
    throw new AliyunRejection('InvalidVersion', 400, 'Specified parameter Version is not valid.');
  }
  const date = header('x-acs-date') ?? '';
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(date)) {
    throw new AliyunRejection(
      'InvalidTimeStamp.Format',
      400,
      'Specified time stamp or date value is not well formatted.',
    );
  }
  const skewMs = Math.abs((options.now?.() ?? Date.now()) - Date.parse(date));
  if (skewMs > (options.maxSkewSeconds ?? 900) * 1000) {
    throw new AliyunRejection('InvalidTimeStamp.Expired', 400);
  }
  const nonce = header('x-acs-signature-nonce');
  if (!nonce) {
    throw new AliyunRejection(
      'MissingSignatureNonce',
      400,
      'SignatureNonce is mandatory for this action.',
    );
  }
  if (usedNonces.has(nonce)) throw new AliyunRejection('SignatureNonceUsed', 400);
  usedNonces.add(nonce);

  const auth =
    /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([a-z0-9;-]+),Signature=([0-9a-f]{64})$/.exec(
      header('authorization') ?? '',
    );
  if (!auth) throw new AliyunRejection('IncompleteSignature', 400);
  const [, accessKeyId, signedHeaders, signature] = auth;
  if (accessKeyId !== options.accessKeyId) {
    throw new AliyunRejection('InvalidAccessKeyId.NotFound', 404);
  }
  const signedNames = signedHeaders.split(';');
  const contentHash = createHash('sha256').update(request.body).digest('hex');
  // A form body (SendBatchSms) is only hashed: its content type must be signed with it.
  const formBody = request.body !== '';
  if (
    header('x-acs-content-sha256') !== contentHash ||
    !REQUIRED_SIGNED_HEADERS.every((name) => signedNames.includes(name)) ||
    (formBody && !signedNames.includes('content-type'))
  ) {
    throw new AliyunRejection('SignatureDoesNotMatch', 400);
  }
  const expected = expectedAcs3Signature({
    accessKeySecret: options.accessKeySecret,
    method: request.method,
    pathname,
    query,
    // The Host header as received, port included: that is what clients sign.
    signedHeaders: signedNames.map((name) => [name, (header(name) ?? '').trim()]),
    contentHash,
  });
  if (expected !== signature) throw new AliyunRejection('SignatureDoesNotMatch', 400);
}

/** Written from the documentation, apart from the client's signer on purpose. */
export function expectedAcs3Signature(input: {
  accessKeySecret: string;
  method: string;
  pathname: string;
  query: Record<string, string>;
  signedHeaders: Array<[name: string, value: string]>;
  contentHash: string;
}): string {
  const encode = (value: string): string =>
    encodeURIComponent(value).replace(
      /[!'()*]/g,
      (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase(),
    );
  const byName = <T>([a]: [string, T], [b]: [string, T]): number => (a < b ? -1 : a > b ? 1 : 0);
  const query = Object.entries(input.query)
    .sort(byName)
    .map(([key, value]) => `${encode(key)}=${encode(value)}`)
    .join('&');
  const headers = [...input.signedHeaders].sort(byName);
  const canonicalRequest = [
    input.method,
    input.pathname,
    query,
    headers.map(([name, value]) => `${name}:${value}\n`).join(''),
    headers.map(([name]) => name).join(';'),
    input.contentHash,
  ].join('\n');
  const hashed = createHash('sha256').update(canonicalRequest).digest('hex');
  return createHmac('sha256', input.accessKeySecret)
    .update(`ACS3-HMAC-SHA256\n${hashed}`)
    .digest('hex');
}

const MAINLAND = /^(?:\+86|0086|86)?1[3-9]\d{9}$/;
const INTERNATIONAL = /^(?:\+|00)?[1-9]\d{7,14}$/;

export function checkAliyunSendSms(
  query: Record<string, string>,
  options: AliyunSmsFakeOptions,
): Omit<AliyunFakeSentMessage, 'bizId'> {
  const { PhoneNumbers: phoneNumbers, SignName: signName, TemplateCode: templateCode } = query;
  if (!phoneNumbers || !signName || !templateCode) {
    throw new AliyunRejection('isv.INVALID_PARAMETERS');
  }
  const phones = phoneNumbers.split(',');
  if (phones.length > 1000) throw new AliyunRejection('isv.MOBILE_COUNT_OVER_LIMIT');
  if (!phones.every((phone) => MAINLAND.test(phone) || INTERNATIONAL.test(phone))) {
    throw new AliyunRejection('isv.MOBILE_NUMBER_ILLEGAL');
  }
  if (!options.approvedSignNames.includes(signName)) {
    throw new AliyunRejection('isv.SMS_SIGNATURE_ILLEGAL');
  }
  const template = options.approvedTemplates[templateCode];
  if (template === undefined) throw new AliyunRejection('isv.SMS_TEMPLATE_ILLEGAL');
  const templateParam = parseTemplateParam(query.TemplateParam);
  if (!template.variables.every((name) => name in templateParam)) {
    throw new AliyunRejection('isv.TEMPLATE_MISSING_PARAMETERS');
  }
  return { phoneNumbers, signName, templateCode, templateParam, outId: query.OutId };
}

/** One number of a SendBatchSms, as the fake would send it. */
export type ValidBatchEntry = Omit<AliyunFakeSentMessage, 'bizId' | 'outId'>;

const FORM_CONTENT_TYPE = /^application\/x-www-form-urlencoded(;\s*charset=utf-8)?$/i;

/**
 * SendBatchSms (providers-2.md §3.2): `TemplateCode` in the query, the three JSON arrays in the
 * form body, matched by index, at most 100 numbers.
 */
export function checkAliyunSendBatchSms(
  request: ReceivedHttpRequest,
  query: Record<string, string>,
  options: AliyunSmsFakeOptions,
): ValidBatchEntry[] {
  if (!FORM_CONTENT_TYPE.test(single(request.headers['content-type']) ?? '')) {
    throw new AliyunRejection('isv.INVALID_PARAMETERS');
  }
  const form = decodeAliyunQuery(request.body);
  const templateCode = query.TemplateCode;
  if (!templateCode || !form.PhoneNumberJson || !form.SignNameJson) {
    throw new AliyunRejection('isv.INVALID_PARAMETERS');
  }
  const phones = parseJsonArray(form.PhoneNumberJson, isString);
  const signNames = parseJsonArray(form.SignNameJson, isString);
  const params =
    form.TemplateParamJson === undefined
      ? phones.map(() => ({}))
      : parseJsonArray(form.TemplateParamJson, isStringRecord);
  if (
    phones.length === 0 ||
    signNames.length !== phones.length ||
    params.length !== phones.length
  ) {
    throw new AliyunRejection('isv.INVALID_PARAMETERS');
  }
  if (phones.length > 100) throw new AliyunRejection('isv.MOBILE_COUNT_OVER_LIMIT');
  if (!phones.every((phone) => MAINLAND.test(phone) || INTERNATIONAL.test(phone))) {
    throw new AliyunRejection('isv.MOBILE_NUMBER_ILLEGAL');
  }
  if (!signNames.every((name) => options.approvedSignNames.includes(name))) {
    throw new AliyunRejection('isv.SMS_SIGNATURE_ILLEGAL');
  }
  const template = options.approvedTemplates[templateCode];
  if (template === undefined) throw new AliyunRejection('isv.SMS_TEMPLATE_ILLEGAL');
  if (!params.every((param) => template.variables.every((name) => name in param))) {
    throw new AliyunRejection('isv.TEMPLATE_MISSING_PARAMETERS');
  }
  return phones.map((phoneNumbers, i) => ({
    phoneNumbers,
    signName: signNames[i],
    templateCode,
    templateParam: params[i],
  }));
}

function parseJsonArray<T>(raw: string, isItem: (value: unknown) => value is T): T[] {
  const parsed = parseJson(raw);
  if (Array.isArray(parsed) && parsed.every(isItem)) return parsed;
  throw new AliyunRejection('isv.INVALID_JSON_PARAM');
}

function parseTemplateParam(raw: string | undefined): Record<string, string> {
  if (raw === undefined) return {};
  const parsed = parseJson(raw);
  if (isStringRecord(parsed)) return parsed;
  throw new AliyunRejection('isv.INVALID_JSON_PARAM');
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw new AliyunRejection('isv.INVALID_JSON_PARAM');
  }
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every(isString)
  );
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
