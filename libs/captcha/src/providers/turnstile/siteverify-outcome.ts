/** Where and for what a token was solved, as siteverify reports it (absent: not said). */
export interface SolvedTokenClaims {
  hostname?: string;
  action?: string;
}

/** What a Turnstile siteverify answer means for the attempt. */
export type SiteverifyOutcome =
  | { kind: 'solved'; claims: SolvedTokenClaims }
  | { kind: 'refused'; errorCodes: string[] }
  | { kind: 'unavailable'; reason: string };

/**
 * Error codes that say nothing about the visitor's token but about our call or Cloudflare:
 * a wrong or missing secret, a malformed request, a failure on their side. The token is not
 * refused for those: the service is, until an operator looks (they are logged as errors).
 */
const NOT_THE_TOKENS_FAULT = new Set([
  'missing-input-secret',
  'invalid-input-secret',
  'bad-request',
  'internal-error',
]);

/**
 * Reads siteverify's answer (`{ success, "error-codes": [...], hostname, action, ... }`;
 * `challenge_ts` and `cdata` are not used). Anything else (another
 * status, HTML from a proxy, JSON of another shape) has not said yes, so nothing passes.
 */
export function interpretSiteverify(status: number, text: string): SiteverifyOutcome {
  if (status < 200 || status > 299) return { kind: 'unavailable', reason: `HTTP ${status}` };
  const body = parseObject(text);
  if (!body || typeof body.success !== 'boolean') {
    return { kind: 'unavailable', reason: 'the answer is not siteverify JSON' };
  }
  if (body.success) {
    return {
      kind: 'solved',
      claims: {
        hostname: stringOrUndefined(body.hostname),
        action: stringOrUndefined(body.action),
      },
    };
  }
  const rawCodes = body['error-codes'];
  const errorCodes = Array.isArray(rawCodes)
    ? rawCodes.filter((code): code is string => typeof code === 'string')
    : [];
  const fault = errorCodes.find((code) => NOT_THE_TOKENS_FAULT.has(code));
  if (fault) return { kind: 'unavailable', reason: `siteverify answered ${fault}` };
  return { kind: 'refused', errorCodes };
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
