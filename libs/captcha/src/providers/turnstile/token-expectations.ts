import type { SolvedTokenClaims } from './siteverify-outcome';

/** What a solved token must claim to pass here; an empty list or no action checks nothing. */
export interface TokenExpectations {
  /** Lower-case hostnames. */
  hostnames: readonly string[];
  action?: string;
}

/**
 * Why a token siteverify calls solved is still refused here, or undefined when it passes.
 * A token is good for any hostname and action the site key allows; these bind it to ours,
 * so one solved on another site sharing the key (or under Cloudflare's "any hostname"
 * option, or with a test key, which claims example.com) buys nothing. The reason names only
 * the claims, never the token.
 */
export function refusalReason(
  claims: SolvedTokenClaims,
  expected: TokenExpectations,
): string | undefined {
  if (expected.hostnames.length > 0) {
    const hostname = claims.hostname?.toLowerCase();
    if (hostname === undefined) return 'siteverify named no hostname';
    if (!expected.hostnames.includes(hostname)) {
      return `solved on hostname ${JSON.stringify(hostname)}, expected one of ${expected.hostnames.join(', ')}`;
    }
  }
  if (expected.action !== undefined && claims.action !== expected.action) {
    return `solved for action ${JSON.stringify(claims.action ?? '')}, expected ${JSON.stringify(expected.action)}`;
  }
  return undefined;
}
