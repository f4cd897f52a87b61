import { asRecord, parseJsonObject, postToProvider, stringField } from '../provider-http';
import type { ProviderHttpResponse, ProviderHttpResult } from '../provider-http';
import { refused, unknownOutcome } from '../sms-provider';
import type { RefusalClass, SendRefused, SendUnknown } from '../sms-provider';
import { signTc3 } from './tc3-signer';
import type { Tc3Credentials } from './tc3-signer';

const CONTENT_TYPE = 'application/json';

/** One Tencent Cloud API 3.0 action: where it goes and what it carries. */
export interface TencentApiCall {
  url: URL;
  /** The signing service, fixed per product (`sms`, `vms`): the SDK would sign an IP's first label. */
  service: string;
  action: string;
  version: string;
  region: string;
  body: Record<string, unknown>;
}

/** POSTs a JSON action signed with TC3-HMAC-SHA256; the answer is the caller's to read. */
export function postTencentApi(
  call: TencentApiCall,
  credentials: Tc3Credentials,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<ProviderHttpResult> {
  const payload = JSON.stringify(call.body);
  const timestamp = Math.floor(Date.now() / 1000);
  const { authorization } = signTc3(
    {
      host: call.url.hostname,
      contentType: CONTENT_TYPE,
      payload,
      timestamp,
      service: call.service,
    },
    credentials,
  );
  return postToProvider(
    {
      url: call.url.href,
      headers: {
        'Content-Type': CONTENT_TYPE,
        'X-TC-Action': call.action,
        'X-TC-Version': call.version,
        'X-TC-Region': call.region,
        'X-TC-Timestamp': String(timestamp),
        Authorization: authorization,
      },
      body: payload,
    },
    signal,
    timeoutMs,
  );
}

/** Tencent's `Response` object of a successful action, or why the whole request failed. */
export type TencentEnvelope =
  { response: Record<string, unknown> } | { failed: SendRefused | SendUnknown };

/**
 * An error answer (a 5xx, an `Error` code) is Tencent's word that it did not act on the request;
 * its code is classified by `classify` (the product's table). A 2xx whose body we cannot read
 * may hide a request that was acted on: its outcome is unknown.
 */
export function readTencentEnvelope(
  { status, text }: ProviderHttpResponse,
  classify: (code: string) => RefusalClass,
): TencentEnvelope {
  const envelope = asRecord(parseJsonObject(text)?.Response);
  const error = asRecord(envelope?.Error);
  const errorCode = error && stringField(error, 'Code');
  if (status >= 500 || envelope === undefined) {
    if (errorCode === undefined && status < 300) {
      return { failed: unknownOutcome('InvalidResponse', `unreadable answer (HTTP ${status})`) };
    }
    const code = errorCode ?? `HTTP_${status}`;
    return { failed: refused('other', 'provider', code, `unexpected answer (HTTP ${status})`) };
  }
  if (errorCode !== undefined) {
    return { failed: tencentRefusal(errorCode, error && stringField(error, 'Message'), classify) };
  }
  return { response: envelope };
}

export function tencentRefusal(
  code: string,
  message: string | undefined,
  classify: (code: string) => RefusalClass,
): SendRefused {
  const { reason, scope, window } = classify(code);
  return refused(reason, scope, code, message ?? code, window);
}
