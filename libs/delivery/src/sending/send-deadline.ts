/**
 * A signal that aborts with a `TimeoutError` (as `AbortSignal.timeout`'s) unless `settle` is
 * called first. `AbortSignal.timeout` cannot be cancelled: on every send its timer still fired
 * SMS_PROVIDER_TIMEOUT_MS later and built a DOMException to abort a request long answered, and
 * each signal stayed registered for the garbage collector (1% of the send path's CPU in
 * `npm run bench`, and memory per send in flight).
 */
export function sendDeadline(timeoutMs: number): { signal: AbortSignal; settle: () => void } {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException('The provider did not answer in time', 'TimeoutError')),
    timeoutMs,
  );
  // As AbortSignal.timeout's: a send in flight does not hold the process open.
  timer.unref();
  return { signal: controller.signal, settle: () => clearTimeout(timer) };
}
