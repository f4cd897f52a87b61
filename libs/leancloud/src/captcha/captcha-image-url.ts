import type { FastifyRequest } from 'fastify';
import { LEANCLOUD_PREFIX } from '../leancloud-settings';

/**
 * Where the client fetches the captcha image: this server as the client reached it (behind a
 * proxy, with TRUST_PROXY, as the proxy says), like LeanCloud's `/1.1/captchaImage` URLs.
 */
export function captchaImageUrl(request: FastifyRequest, appId: string, token: string): string {
  const query = new URLSearchParams({ appId, token });
  return `${request.protocol}://${request.host}${LEANCLOUD_PREFIX}/captchaImage?${query.toString()}`;
}
