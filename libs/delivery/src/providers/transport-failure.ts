/**
 * Socket error codes that mean the request was never written: the connection was refused,
 * the name did not resolve, the host was unreachable, or TLS failed before any byte of the
 * request went out. Any other network error may come after the request was written (a reset,
 * a closed socket, a timeout), so its outcome is unknown.
 */
const NEVER_WRITTEN_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_FAIL',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REVOKED',
]);

/** Whether a socket error code proves that nothing of the request was written. */
export function neverWritten(code: string): boolean {
  return (
    NEVER_WRITTEN_CODES.has(code) || code.startsWith('ERR_TLS_') || code.startsWith('ERR_SSL_')
  );
}
