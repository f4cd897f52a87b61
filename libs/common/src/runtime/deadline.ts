/**
 * A signal that aborts with a `TimeoutError` (as `AbortSignal.timeout`'s) once `timeoutMs` has
 * passed, or with the reason of `linkedTo` when that aborts first, unless `settle` is called
 * first. It replaces `AbortSignal.timeout` (and `AbortSignal.any` over it) on calls that usually
 * end long before their deadline: those cannot be cancelled, so on every provider call the timer
 * still fired seconds later and built a DOMException to abort a request long answered, and each
 * signal stayed registered for the garbage collector (1% of the send path's CPU in
 * `npm run bench`, and memory per call in flight). Call `settle` in a `finally`.
 */
export function deadline(
  timeoutMs: number,
  options: { linkedTo?: AbortSignal; message?: string } = {},
): { signal: AbortSignal; settle: () => void } {
  const controller = new AbortController();
  const { linkedTo, message = 'No answer in time' } = options;
  const timer = setTimeout(
    () => controller.abort(new DOMException(message, 'TimeoutError')),
    timeoutMs,
  );
  // As AbortSignal.timeout's: a call in flight does not hold the process open.
  timer.unref();
  const followLinked = (): void => controller.abort(linkedTo?.reason);
  if (linkedTo?.aborted) followLinked();
  else linkedTo?.addEventListener('abort', followLinked, { once: true });
  return {
    signal: controller.signal,
    settle: () => {
      clearTimeout(timer);
      linkedTo?.removeEventListener('abort', followLinked);
    },
  };
}
