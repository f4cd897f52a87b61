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

/**
 * Gives the nonce to the <style> tags a library's script adds without it: antd's CSS-in-JS
 * takes the nonce from ConfigProvider, but rc-component's scroll locker (open modals and
 * drawers) and scrollbar measure insert theirs bare, which the policy refuses. Only elements
 * added by this page's own scripts (from 'self') pass here; styles in markup still need the
 * nonce the server put on them.
 */
export function nonceScriptAddedStyles(nonce: string): void {
  const withNonce = <T extends Node>(node: T): T => {
    if (node instanceof HTMLStyleElement && !node.nonce) node.nonce = nonce;
    return node;
  };
  // The originals, each called with the node it belongs to (`.call(this, …)`).
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const appendChild = Node.prototype.appendChild;
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const insertBefore = Node.prototype.insertBefore;
  Node.prototype.appendChild = function <T extends Node>(this: Node, node: T): T {
    return appendChild.call(this, withNonce(node)) as T;
  };
  Node.prototype.insertBefore = function <T extends Node>(
    this: Node,
    node: T,
    child: Node | null,
  ): T {
    return insertBefore.call(this, withNonce(node), child) as T;
  };
}
