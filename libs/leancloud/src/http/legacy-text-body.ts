import { LeanCloudError } from '../errors/leancloud-error';

/** The headers a `text/plain` body's keys stand for. */
export interface LegacyCredentials {
  'x-lc-id'?: string;
  'x-lc-key'?: string;
  'x-lc-session'?: string;
}

export interface LegacyTextBody {
  credentials: LegacyCredentials;
  /** The body without its `_` keys. */
  body: unknown;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/**
 * LeanCloud's cross-domain fallback (REST guide, "浏览器跨域和特殊方法解决方案"): a POST with
 * `Content-Type: text/plain` whose JSON carries `_ApplicationId`, `_ApplicationKey` (or
 * `_MasterKey`) and `_SessionToken` in place of the headers, which old browsers could not
 * send across origins. As LeanEngine's own reading of it, every `_key` is then dropped from
 * the body (`__type` and other `__` keys stay) and the credentials count as headers.
 *
 * `_method` turned such a POST into a GET, PUT or DELETE on LeanCloud. The route is chosen
 * before the body is read here, so only `_method: "POST"` is accepted; any other is refused
 * with 107 rather than run as a POST the client did not mean.
 */
export function readLegacyTextBody(parsed: unknown): LegacyTextBody {
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { credentials: {}, body: parsed };
  }
  const fields = parsed as Record<string, unknown>;
  const method = text(fields._method);
  if (method !== undefined && method.toUpperCase() !== 'POST') {
    throw new LeanCloudError(
      107,
      `The text/plain body's _method "${method.slice(0, 16)}" is not supported here: send the request with that HTTP method and the X-LC-* headers.`,
    );
  }
  const appId = text(fields._ApplicationId);
  const appKey = text(fields._ApplicationKey);
  const masterKey = text(fields._MasterKey);
  const sessionToken = text(fields._SessionToken);
  const credentials: LegacyCredentials = {
    ...(appId === undefined ? {} : { 'x-lc-id': appId }),
    // The Master Key wins, as in LeanEngine's check, which tries it before the App Key.
    ...(masterKey !== undefined
      ? { 'x-lc-key': `${masterKey},master` }
      : appKey === undefined
        ? {}
        : { 'x-lc-key': appKey }),
    ...(sessionToken === undefined ? {} : { 'x-lc-session': sessionToken }),
  };
  const body = Object.fromEntries(
    Object.entries(fields).filter(([key]) => !(key.startsWith('_') && !key.startsWith('__'))),
  );
  return { credentials, body };
}
