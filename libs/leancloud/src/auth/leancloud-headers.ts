import type { FastifyRequest } from 'fastify';
import type { LeanCloudAuthHeaders } from './leancloud-credentials';

// Current SDKs send X-LC-*; LeanCloud (and its LeanEngine check) also read the older
// X-AVOSCloud-* names that pre-2016 SDKs send.
const ID_HEADERS = ['x-lc-id', 'x-avoscloud-application-id'];
const KEY_HEADERS = ['x-lc-key', 'x-avoscloud-application-key'];
const SIGN_HEADERS = ['x-lc-sign', 'x-avoscloud-request-sign'];
const SESSION_HEADERS = ['x-lc-session', 'x-avoscloud-session-token'];
const LEGACY_MASTER_KEY_HEADER = 'x-avoscloud-master-key';

function firstHeader(request: FastifyRequest, names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = request.headers[name];
    const text = Array.isArray(value) ? value[0] : value;
    if (text !== undefined && text.trim() !== '') return text.trim();
  }
  return undefined;
}

export function readAuthHeaders(request: FastifyRequest): LeanCloudAuthHeaders {
  const legacyMasterKey = firstHeader(request, [LEGACY_MASTER_KEY_HEADER]);
  return {
    id: firstHeader(request, ID_HEADERS),
    key:
      firstHeader(request, KEY_HEADERS) ??
      (legacyMasterKey === undefined ? undefined : `${legacyMasterKey},master`),
    sign: firstHeader(request, SIGN_HEADERS),
  };
}

/** The session token a LeanCloud client sends, if any. */
export function readSessionToken(request: FastifyRequest): string | undefined {
  return firstHeader(request, SESSION_HEADERS);
}
