import { createHash, timingSafeEqual } from 'node:crypto';

/** The keys of the LeanCloud app this server stands in for. */
export interface LeanCloudKeys {
  appId: string;
  appKey: string;
  masterKey: string;
  /** How far a Master Key signature's timestamp may be from the server's clock. */
  masterSignMaxSkewMs: number;
}

/** The authentication headers of a request, whichever generation of SDK sent them. */
export interface LeanCloudAuthHeaders {
  id?: string;
  key?: string;
  sign?: string;
}

/** Who is calling: a client with the App Key, or a server with the Master Key. */
export type LeanCloudCaller = 'app' | 'master';

const SIGNATURE = /^[0-9a-f]{32}$/;
const TIMESTAMP_MS = /^[0-9]{1,16}$/;

const sha256 = (value: string): Buffer => createHash('sha256').update(value).digest();

/** Compares secrets in constant time whatever their lengths, by comparing their digests. */
function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(sha256(given), sha256(expected));
}

/** LeanCloud's request signature: lowercase hex `md5(timestampMs + key)`. */
export function leanCloudSign(timestampMs: string, key: string): string {
  return createHash('md5').update(`${timestampMs}${key}`).digest('hex');
}

/**
 * Checks `X-LC-Id` with `X-LC-Key` (`<appKey>` or `<masterKey>,master`) or `X-LC-Sign`
 * (`md5(timestampMs + key),timestampMs[,master]`), as LeanCloud did. Returns the caller,
 * or undefined for anything else (answered 401).
 *
 * Only Master Key signatures are held to a time window: the App Key ships inside every
 * client, so an old App Key signature proves nothing the key itself would not, and LeanCloud
 * never checked the time, so phones with a wrong clock kept working.
 */
export function authenticateLeanCloud(
  headers: LeanCloudAuthHeaders,
  keys: LeanCloudKeys,
  nowMs: number,
): LeanCloudCaller | undefined {
  if (headers.id === undefined || !sameSecret(headers.id, keys.appId)) return undefined;
  // LeanEngine's own check tries the key first, then the signature.
  const byKey = headers.key === undefined ? undefined : checkKey(headers.key, keys);
  if (byKey !== undefined || headers.sign === undefined) return byKey;
  return checkSign(headers.sign, keys, nowMs);
}

function checkKey(key: string, keys: LeanCloudKeys): LeanCloudCaller | undefined {
  const [secret, role, ...rest] = key.split(',');
  if (rest.length > 0) return undefined;
  if (role === undefined) return sameSecret(secret, keys.appKey) ? 'app' : undefined;
  if (role === 'master') return sameSecret(secret, keys.masterKey) ? 'master' : undefined;
  return undefined;
}

function checkSign(sign: string, keys: LeanCloudKeys, nowMs: number): LeanCloudCaller | undefined {
  const [signature, timestamp, role, ...rest] = sign.split(',');
  if (rest.length > 0 || timestamp === undefined || !TIMESTAMP_MS.test(timestamp)) return undefined;
  const given = signature.toLowerCase();
  if (!SIGNATURE.test(given)) return undefined;

  if (role === 'master') {
    if (Math.abs(nowMs - Number(timestamp)) > keys.masterSignMaxSkewMs) return undefined;
    return sameSecret(given, leanCloudSign(timestamp, keys.masterKey)) ? 'master' : undefined;
  }
  if (role !== undefined) return undefined;
  return sameSecret(given, leanCloudSign(timestamp, keys.appKey)) ? 'app' : undefined;
}
