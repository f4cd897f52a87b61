import { deadline } from '@app/common';
import { unknownOutcome, unreached } from './sms-provider';
import type { SendUnknown, SendUnreached } from './sms-provider';
import { neverWritten } from './transport-failure';

export interface ProviderHttpRequest {
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface ProviderHttpResponse {
  status: number;
  text: string;
}

/** The provider's answer, or why there is none. */
export type ProviderHttpResult =
  { answered: ProviderHttpResponse } | { failed: SendUnreached | SendUnknown };

/**
 * One POST to a provider over the global `fetch`, bounded by the caller's signal and by the
 * provider's own timeout (the body read included). A failure before the whole answer arrived
 * is `unreached` when the request provably never left (connection refused, DNS, TLS), else
 * `unknown`: a timeout or a reset may come after the provider got the request. HTTP statuses
 * are the caller's to judge. undici does not retry a POST, so nothing is sent twice here.
 */
export async function postToProvider(
  request: ProviderHttpRequest,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<ProviderHttpResult> {
  const bound = deadline(timeoutMs, { linkedTo: signal });
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      signal: bound.signal,
    });
    return { answered: { status: response.status, text: await response.text() } };
  } catch (error) {
    // Its own deadline came first when the abort's reason is not the caller's.
    if (bound.signal.aborted && bound.signal.reason !== signal.reason) {
      return { failed: unknownOutcome('Timeout', `no answer within ${timeoutMs} ms`) };
    }
    if (signal.aborted) return { failed: callerAbort(signal) };
    const code = networkErrorCode(error);
    const message = `request failed: ${code}`;
    return {
      failed: neverWritten(code) ? unreached(code, message) : unknownOutcome(code, message),
    };
  } finally {
    bound.settle();
  }
}

/** The JSON object in `text`, or undefined when it is not JSON or not an object. */
export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    return asRecord(JSON.parse(text));
  } catch {
    return undefined;
  }
}

export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

export function stringField(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' ? value : undefined;
}

/** The caller gave up while the request may have been on its way: its outcome is unknown. */
function callerAbort(signal: AbortSignal): SendUnknown {
  return errorProperty(signal.reason, 'name') === 'TimeoutError'
    ? unknownOutcome('Timeout', 'the caller deadline passed')
    : unknownOutcome('Aborted', 'the caller aborted the request');
}

/** undici reports `TypeError('fetch failed')` with the socket error as its cause. */
function networkErrorCode(error: unknown): string {
  const code = errorProperty(errorProperty(error, 'cause'), 'code');
  return typeof code === 'string' ? code : 'NetworkError';
}

/** Read without `instanceof`: errors may come from another realm (undici, Jest's vm). */
function errorProperty(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && key in value
    ? (value as Record<string, unknown>)[key]
    : undefined;
}
