import { createHash, createHmac } from 'node:crypto';
import type { ReceivedHttpRequest } from './provider-fake-server';
import type { TencentSmsFakeOptions } from './tencent-sms.fake';

/** What the real Tencent SendSms checks before it sends (providers.md §1.10). */

const MESSAGES: Record<string, string> = {
  'AuthFailure.SignatureFailure':
    'The provided credentials could not be validated. Please check your signature is correct.',
  'AuthFailure.SecretIdNotFound':
    'The SecretId is not found, please ensure that your SecretId is correct.',
  'AuthFailure.InvalidAuthorization': 'Authorization header format is invalid.',
  'FailedOperation.TemplateIncorrectOrUnapproved':
    'template is not approved or request content does not match the approved template content',
  'FailedOperation.SignatureIncorrectOrUnapproved':
    'signature is not approved or signature format is incorrect',
  'InvalidParameterValue.IncorrectPhoneNumber': 'incorrect phone number format',
  'LimitExceeded.PhoneNumberThirtySecondLimit':
    'the number of SMS messages sent to a single phone number within 30 seconds exceeds the upper limit',
  'LimitExceeded.PhoneNumberDailyLimit':
    'the number of SMS messages sent to a single phone number per day exceeds the upper limit',
};

/** An API error, answered as `Response.Error` with HTTP 200. */
export class TencentRejection extends Error {
  constructor(
    readonly code: string,
    message = tencentMessage(code),
  ) {
    super(message);
  }
}

export function tencentMessage(code: string): string {
  return MESSAGES[code] ?? code;
}

/** What a Tencent API fake expects of a request: the account, the product's API and clock. */
export type TencentApiExpectation = Pick<
  TencentSmsFakeOptions,
  'secretId' | 'secretKey' | 'service' | 'maxSkewSeconds' | 'now'
> & {
  /** `X-TC-Action`; `SendSms` by default. */
  action?: string;
  /** `X-TC-Version`; `2021-01-11` (SMS) by default. */
  version?: string;
};

/** Common parameters and the TC3 signature, re-computed from the request as received. */
export function checkTencentProtocol(
  request: ReceivedHttpRequest,
  options: TencentApiExpectation,
): void {
  const header = (name: string): string | undefined => single(request.headers[name]);
  if (request.method !== 'POST' || request.target !== '/') {
    throw new TencentRejection('UnsupportedProtocol', 'only POST / is supported by this fake');
  }
  if (!/^application\/json(;\s*charset=utf-8)?$/i.test(header('content-type') ?? '')) {
    throw new TencentRejection('InvalidParameter', 'Content-Type must be application/json');
  }
  if (header('x-tc-action') !== (options.action ?? 'SendSms')) {
    throw new TencentRejection(
      'InvalidAction',
      `The requested action \`${header('x-tc-action')}\` does not exist`,
    );
  }
  if (header('x-tc-version') !== (options.version ?? '2021-01-11')) {
    throw new TencentRejection(
      'NoSuchVersion',
      `The requested version \`${header('x-tc-version')}\` does not exist`,
    );
  }
  if (!header('x-tc-region')) {
    throw new TencentRejection(
      'MissingParameter',
      'The request is missing a required parameter `Region`.',
    );
  }
  const timestamp = Number(header('x-tc-timestamp'));
  const nowSeconds = Math.floor((options.now?.() ?? Date.now()) / 1000);
  if (
    !Number.isInteger(timestamp) ||
    Math.abs(nowSeconds - timestamp) > (options.maxSkewSeconds ?? 300)
  ) {
    throw new TencentRejection(
      'AuthFailure.SignatureExpire',
      `Signature expired. Timestamp: ${header('x-tc-timestamp')}, current server time: ${nowSeconds}`,
    );
  }

  const auth =
    /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([^/]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(
      header('authorization') ?? '',
    );
  if (!auth) throw new TencentRejection('AuthFailure.InvalidAuthorization');
  const [, secretId, date, service, signedHeaders, signature] = auth;
  if (secretId !== options.secretId) throw new TencentRejection('AuthFailure.SecretIdNotFound');
  const signedNames = signedHeaders.split(';');
  if (
    date !== new Date(timestamp * 1000).toISOString().slice(0, 10) ||
    service !== (options.service ?? 'sms') ||
    !signedNames.includes('content-type') ||
    !signedNames.includes('host')
  ) {
    throw new TencentRejection('AuthFailure.SignatureFailure');
  }
  const expected = expectedTc3Signature({
    secretKey: options.secretKey,
    timestamp,
    date,
    service,
    signedHeaders: signedNames.map((name) => [name, canonicalHeaderValue(name, header(name))]),
    body: request.body,
  });
  if (expected !== signature) throw new TencentRejection('AuthFailure.SignatureFailure');
}

/** Written from the documentation, apart from the client's signer on purpose. */
export function expectedTc3Signature(input: {
  secretKey: string;
  timestamp: number;
  date: string;
  service: string;
  signedHeaders: Array<[name: string, canonicalValue: string]>;
  body: string;
}): string {
  const sha256 = (data: string): string => createHash('sha256').update(data).digest('hex');
  const hmac = (key: string | Buffer, data: string): Buffer =>
    createHmac('sha256', key).update(data).digest();
  const sorted = [...input.signedHeaders].sort(([a], [b]) => (a < b ? -1 : 1));
  const canonicalRequest = [
    'POST',
    '/',
    '',
    sorted.map(([name, value]) => `${name}:${value}\n`).join(''),
    sorted.map(([name]) => name).join(';'),
    sha256(input.body),
  ].join('\n');
  const scope = `${input.date}/${input.service}/tc3_request`;
  const stringToSign = `TC3-HMAC-SHA256\n${input.timestamp}\n${scope}\n${sha256(canonicalRequest)}`;
  const key = hmac(hmac(hmac(`TC3${input.secretKey}`, input.date), input.service), 'tc3_request');
  return createHmac('sha256', key).update(stringToSign).digest('hex');
}

function canonicalHeaderValue(name: string, value: string | undefined): string {
  const lower = (value ?? '').trim().toLowerCase();
  // Clients sign the host name only, while the Host header they send carries the port.
  return name === 'host' ? lower.replace(/:\d+$/, '') : lower;
}

export function parseTencentBody(raw: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      return parsed as Record<string, unknown>;
    }
  } catch {
    // answered below like the real API does for any unparsable body
  }
  throw new TencentRejection('FailedOperation.JsonParseFail', 'failed to parse the JSON body');
}

export interface ValidSendSms {
  /** Every number of `PhoneNumberSet`, as sent (1 to 200 of them). */
  phoneNumbers: string[];
  signName: string;
  templateId: string;
  templateParams: string[];
  sessionContext: string;
}

const E164 = /^\+[1-9]\d{6,14}$/;
const DOMESTIC = /^(?:\+86|0086|86)?1[3-9]\d{9}$/;

/** Body validation, in the order providers.md §1.10 lists it. */
export function checkTencentSendSms(
  body: Record<string, unknown>,
  options: TencentSmsFakeOptions,
): ValidSendSms {
  const phones = body.PhoneNumberSet;
  if (!Array.isArray(phones) || phones.length === 0) {
    throw new TencentRejection('MissingParameter.EmptyPhoneNumberSet', 'PhoneNumberSet is empty');
  }
  if (phones.length > 200) throw new TencentRejection('LimitExceeded.PhoneNumberCountLimit');
  const { SmsSdkAppId: appId, TemplateId: templateId, SignName: signName } = body;
  if (typeof appId !== 'string' || typeof templateId !== 'string') {
    throw new TencentRejection('MissingParameter', 'SmsSdkAppId and TemplateId are required');
  }
  if (appId !== options.sdkAppId) {
    throw new TencentRejection('InvalidParameterValue.SdkAppIdNotExist');
  }
  if (
    !phones.every(
      (phone): phone is string =>
        typeof phone === 'string' && (E164.test(phone) || DOMESTIC.test(phone)),
    )
  ) {
    throw new TencentRejection('InvalidParameterValue.IncorrectPhoneNumber');
  }
  const domestic = phones.map((phone) => DOMESTIC.test(phone));
  if (domestic.some((isDomestic) => isDomestic !== domestic[0])) {
    throw new TencentRejection('UnsupportedOperation.ContainDomesticAndInternationalPhoneNumber');
  }
  if (typeof signName !== 'string' || signName === '') {
    if (domestic[0]) throw new TencentRejection('MissingParameter', 'SignName is required');
  } else if (!options.approvedSignNames.includes(signName)) {
    throw new TencentRejection('FailedOperation.SignatureIncorrectOrUnapproved');
  }
  const template = options.approvedTemplates[templateId];
  if (template === undefined) {
    throw new TencentRejection('FailedOperation.TemplateIncorrectOrUnapproved');
  }
  const params = body.TemplateParamSet ?? [];
  if (
    !Array.isArray(params) ||
    !params.every((param): param is string => typeof param === 'string')
  ) {
    throw new TencentRejection('InvalidParameter', 'TemplateParamSet must be an array of strings');
  }
  if (params.length !== template.paramCount) {
    throw new TencentRejection('FailedOperation.TemplateParamSetNotMatchApprovedTemplate');
  }
  if (template.verificationCode && !params.every((param) => /^\d{0,6}$/.test(param))) {
    throw new TencentRejection('InvalidParameterValue.TemplateParameterFormatError');
  }
  return {
    phoneNumbers: phones,
    signName: typeof signName === 'string' ? signName : '',
    templateId,
    templateParams: params,
    sessionContext: typeof body.SessionContext === 'string' ? body.SessionContext : '',
  };
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
