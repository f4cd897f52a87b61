import type { FastifyReply, FastifyRequest } from 'fastify';

export const ADMIN_SESSION_COOKIE = 'admin_session';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/**
 * HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it), Path=/, and
 * Secure except on a loopback host, where a developer's browser talks plain HTTP. No Max-Age:
 * the session's life is Redis's idle expiry, and the browser drops the cookie when it closes.
 */
export function setAdminSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
): void {
  void reply.setCookie(ADMIN_SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    secure: !LOOPBACK_HOSTS.has(request.hostname),
  });
}

export function clearAdminSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  void reply.clearCookie(ADMIN_SESSION_COOKIE, {
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    secure: !LOOPBACK_HOSTS.has(request.hostname),
  });
}

/** The session token of the request's cookie (parsed here: the cookie plugin has no hook). */
export function adminSessionTokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (header === undefined) return undefined;
  const token = request.server.parseCookie(header)[ADMIN_SESSION_COOKIE];
  return token !== undefined && token.length > 0 ? token : undefined;
}
