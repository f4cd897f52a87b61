/**
 * Errors a reconnection cannot cure: the server refused our log-in, or we refused its
 * certificate. Start-up stops on the first of them instead of retrying until its deadline.
 */
const LOG_IN_REFUSED =
  /^(WRONGPASS|NOAUTH|NOPERM)\b|invalid password|without any password configured/i;
const UNTRUSTED_CERTIFICATE = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

export interface ConnectionFailure {
  /** For the operator: what failed and which setting to look at; never the password. */
  message: string;
  /** Retrying cannot help (a wrong password, an untrusted certificate). */
  permanent: boolean;
}

/** Where REDIS_URL points, without its user and password. */
export function redisAddress(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return 'REDIS_URL';
  }
}

/** Explains a connection error of REDIS_URL's server. */
export function explainConnectionFailure(error: Error, url: string): ConnectionFailure {
  const where = `Redis at ${redisAddress(url)}`;
  const code = (error as NodeJS.ErrnoException).code;
  if (LOG_IN_REFUSED.test(error.message)) {
    return {
      message: `${where} refused the log-in (${error.message}): check the user and password of REDIS_URL and the user's ACL`,
      permanent: true,
    };
  }
  if (code !== undefined && UNTRUSTED_CERTIFICATE.has(code)) {
    return {
      message: `${where}: its TLS certificate is not trusted (${code}: ${error.message}); set REDIS_TLS_CA_FILE to the CA that signed it, and REDIS_URL's host to a name the certificate holds`,
      permanent: true,
    };
  }
  if (
    /wrong version number|packet length too long|ECONNRESET/i.test(`${code} ${error.message}`) &&
    url.startsWith('rediss://')
  ) {
    return {
      message: `${where}: the TLS handshake failed (${error.message}); is that port a TLS port?`,
      permanent: false,
    };
  }
  return { message: `${where}: ${error.message}`, permanent: false };
}
