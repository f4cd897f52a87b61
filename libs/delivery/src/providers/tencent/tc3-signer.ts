import { createHash, createHmac } from 'node:crypto';

/** Tencent Cloud API 3.0 signature (TC3-HMAC-SHA256), as the official SDK computes it. */
export const TC3_ALGORITHM = 'TC3-HMAC-SHA256';

export interface Tc3Credentials {
  secretId: string;
  secretKey: string;
}

export interface Tc3Request {
  /** Host name without the port: the SDK signs `host:<hostname>` even when it sends a port. */
  host: string;
  /** Exactly the `Content-Type` header that is sent; a charset mismatch breaks the signature. */
  contentType: string;
  /** The exact body bytes. */
  payload: string;
  /** Unix seconds, the same value as `X-TC-Timestamp`. */
  timestamp: number;
  /** The product, e.g. `sms` (first label of the API domain). */
  service: string;
}

export interface Tc3Signature {
  canonicalRequest: string;
  credentialScope: string;
  stringToSign: string;
  signature: string;
  authorization: string;
}

const SIGNED_HEADERS = 'content-type;host';

export function signTc3(request: Tc3Request, credentials: Tc3Credentials): Tc3Signature {
  const date = new Date(request.timestamp * 1000).toISOString().slice(0, 10);
  const canonicalRequest = [
    'POST',
    '/',
    '',
    `content-type:${request.contentType.trim().toLowerCase()}\nhost:${request.host.trim().toLowerCase()}\n`,
    SIGNED_HEADERS,
    sha256Hex(request.payload),
  ].join('\n');
  const credentialScope = `${date}/${request.service}/tc3_request`;
  const stringToSign = [
    TC3_ALGORITHM,
    String(request.timestamp),
    credentialScope,
    sha256Hex(canonicalRequest),
  ].join('\n');

  const secretDate = hmac(`TC3${credentials.secretKey}`, date);
  const secretService = hmac(secretDate, request.service);
  const secretSigning = hmac(secretService, 'tc3_request');
  const signature = hmac(secretSigning, stringToSign).toString('hex');

  const authorization =
    `${TC3_ALGORITHM} Credential=${credentials.secretId}/${credentialScope}, ` +
    `SignedHeaders=${SIGNED_HEADERS}, Signature=${signature}`;
  return { canonicalRequest, credentialScope, stringToSign, signature, authorization };
}

function sha256Hex(data: string): string {
  return createHash('sha256').update(data, 'utf8').digest('hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}
