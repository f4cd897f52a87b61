import { randomBytes } from 'node:crypto';
import { parseJsonObject, postToProvider, stringField } from '../provider-http';
import type { ProviderHttpResponse, ProviderHttpResult } from '../provider-http';
import { refused, unknownOutcome } from '../sms-provider';
import type { RefusalClass, SendRefused, SendUnknown } from '../sms-provider';
import { canonicalQueryString, sha256Hex, signAcs3 } from './acs3-signer';
import type { Acs3Credentials } from './acs3-signer';

/** One Alibaba Cloud RPC-style action (Dysmsapi, Dyvmsapi), POSTed to `/`. */
export interface AliyunApiCall {
  url: URL;
  action: string;
  version: string;
  /** Parameters in the query string: the signature covers them one by one. */
  query: Record<string, string>;
  /**
   * Parameters in a form body (SendBatchSms's JSON arrays, as the SDK sends them); only its
   * hash is signed. Absent, the body is empty.
   */
  form?: Record<string, string>;
}

const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

/** POSTs an action signed with ACS3-HMAC-SHA256; the answer is the caller's to read. */
export function postAliyunApi(
  call: AliyunApiCall,
  credentials: Acs3Credentials,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<ProviderHttpResult> {
  const url = new URL(call.url);
  // The same strict encoding as the signature, so the server decodes what was signed.
  url.search = canonicalQueryString(call.query);
  const body = call.form === undefined ? '' : canonicalQueryString(call.form);
  const headers: Record<string, string> = {
    'x-acs-action': call.action,
    'x-acs-version': call.version,
    'x-acs-date': new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    'x-acs-signature-nonce': randomBytes(16).toString('hex'),
    'x-acs-content-sha256': sha256Hex(body),
    ...(call.form === undefined ? {} : { 'content-type': FORM_CONTENT_TYPE }),
  };
  // fetch sends the URL's host (port included) as the Host header: sign exactly that.
  const { authorization } = signAcs3(
    {
      method: 'POST',
      pathname: url.pathname,
      query: call.query,
      headers: { ...headers, host: url.host },
    },
    credentials,
  );
  return postToProvider(
    {
      url: url.href,
      headers: { ...headers, accept: 'application/json', authorization },
      ...(call.form === undefined ? {} : { body }),
    },
    signal,
    timeoutMs,
  );
}

/** The answer's body when its `Code` is `OK`, or why the request failed. */
export type AliyunAnswer =
  { body: Record<string, unknown> } | { failed: SendRefused | SendUnknown };

/**
 * An error answer (a 5xx, a `Code` other than `OK`) is Aliyun's word that it did not act on the
 * request; its code is classified by `classify` (the product's table, which may read the
 * message). A 2xx whose body we cannot read may hide a request that was acted on: unknown.
 */
export function readAliyunAnswer(
  { status, text }: ProviderHttpResponse,
  classify: (code: string, message: string) => RefusalClass,
): AliyunAnswer {
  const body = parseJsonObject(text) ?? {};
  const code = stringField(body, 'Code');
  if (code === undefined && status < 300) {
    return { failed: unknownOutcome('InvalidResponse', `unreadable answer (HTTP ${status})`) };
  }
  if (status >= 500 || code === undefined) {
    const providerCode = code ?? `HTTP_${status}`;
    return {
      failed: refused('other', 'provider', providerCode, `unexpected answer (HTTP ${status})`),
    };
  }
  if (status !== 200 || code !== 'OK') {
    const message = stringField(body, 'Message') ?? code;
    const { reason, scope, window } = classify(code, message);
    return { failed: refused(reason, scope, code, message, window) };
  }
  return { body };
}
