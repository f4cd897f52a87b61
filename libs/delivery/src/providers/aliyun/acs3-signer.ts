import { createHash, createHmac } from 'node:crypto';

/** Alibaba Cloud V3 signature (ACS3-HMAC-SHA256), as `@alicloud/openapi-core` computes it. */
export const ACS3_ALGORITHM = 'ACS3-HMAC-SHA256';

export interface Acs3Credentials {
  accessKeyId: string;
  accessKeySecret: string;
}

export interface Acs3Request {
  method: string;
  pathname: string;
  /** Decoded query parameters; they are encoded here. */
  query: Record<string, string>;
  /**
   * The headers as sent, with `x-acs-content-sha256` already set. Only `host`, `content-type`
   * and `x-acs-*` are signed; `host` includes the port when the URL has one.
   */
  headers: Record<string, string>;
}

export interface Acs3Signature {
  canonicalRequest: string;
  stringToSign: string;
  signedHeaders: string;
  signature: string;
  authorization: string;
}

export function signAcs3(request: Acs3Request, credentials: Acs3Credentials): Acs3Signature {
  const signed = Object.entries(request.headers)
    .map(([name, value]): [string, string] => [name.toLowerCase(), value.trim()])
    .filter(([name]) => name === 'host' || name === 'content-type' || name.startsWith('x-acs-'))
    .sort(([a], [b]) => compareCodeUnits(a, b));
  const signedHeaders = signed.map(([name]) => name).join(';');
  const payloadHash = signed.find(([name]) => name === 'x-acs-content-sha256')?.[1];
  if (payloadHash === undefined) {
    throw new Error('ACS3 signing needs the x-acs-content-sha256 header');
  }

  const canonicalRequest = [
    request.method.toUpperCase(),
    request.pathname,
    canonicalQueryString(request.query),
    signed.map(([name, value]) => `${name}:${value}\n`).join(''),
    signedHeaders,
    payloadHash,
  ].join('\n');
  const stringToSign = `${ACS3_ALGORITHM}\n${sha256Hex(canonicalRequest)}`;
  const signature = createHmac('sha256', credentials.accessKeySecret)
    .update(stringToSign, 'utf8')
    .digest('hex');
  const authorization =
    `${ACS3_ALGORITHM} Credential=${credentials.accessKeyId},` +
    `SignedHeaders=${signedHeaders},Signature=${signature}`;
  return { canonicalRequest, stringToSign, signedHeaders, signature, authorization };
}

/** Sorted `k=v` pairs joined by `&`, RFC 3986 encoded. Also usable as the URL's query string. */
export function canonicalQueryString(query: Record<string, string>): string {
  return Object.keys(query)
    .sort(compareCodeUnits)
    .map((key) => `${encodeRfc3986(key)}=${encodeRfc3986(query[key] ?? '')}`)
    .join('&');
}

/** `encodeURIComponent` also escaping `!'()*`; `~` stays as is. */
export function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export function sha256Hex(data: string): string {
  return createHash('sha256').update(data, 'utf8').digest('hex');
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
