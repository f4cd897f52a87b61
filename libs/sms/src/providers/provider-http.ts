import { SmsProviderError } from './sms-provider';

export interface ProviderHttpRequest {
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface ProviderHttpResponse {
  status: number;
  text: string;
}

/**
 * One POST to a provider over the global `fetch`, bounded by the caller's signal and by the
 * provider's own timeout (the body read included). A failure before the whole answer arrived
 * becomes an `SmsProviderError` of kind `timeout` or `transport`; HTTP statuses are the
 * caller's to judge.
 */
export async function postToProvider(
  provider: string,
  request: ProviderHttpRequest,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<ProviderHttpResponse> {
  const timeout = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.any([signal, timeout]),
    });
    return { status: response.status, text: await response.text() };
  } catch (error) {
    if (timeout.aborted) {
      throw new SmsProviderError(
        provider,
        'timeout',
        'Timeout',
        `no answer within ${timeoutMs} ms`,
      );
    }
    if (signal.aborted) {
      throw callerAbortError(provider, signal);
    }
    const code = networkErrorCode(error);
    throw new SmsProviderError(provider, 'transport', code, `request failed: ${code}`);
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

function callerAbortError(provider: string, signal: AbortSignal): SmsProviderError {
  return errorProperty(signal.reason, 'name') === 'TimeoutError'
    ? new SmsProviderError(provider, 'timeout', 'Timeout', 'the caller deadline passed')
    : new SmsProviderError(provider, 'transport', 'Aborted', 'the caller aborted the request');
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
