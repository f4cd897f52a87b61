/**
 * The nonce the API put on this page (a fresh one per request, in the `csp-nonce` meta tag
 * Vite's html.cspNonce adds). antd injects its CSS-in-JS <style> tags with it: the
 * Content-Security-Policy allows styles from 'self' and this nonce only. Browsers hide a
 * nonce attribute's value from getAttribute; the `nonce` property still reads it.
 */
export function pageNonce(): string | undefined {
  const meta = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]');
  return meta?.nonce || undefined;
}
