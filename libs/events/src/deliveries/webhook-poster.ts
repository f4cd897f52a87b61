import { Injectable } from '@nestjs/common';
import { deadline, signStandardWebhook } from '@app/common';
import { AppConfigService } from '@app/config';
import { EventsSettings } from '../events.settings';
import type { WebhookAttempt } from './webhook-attempt';

export interface SignedEvent {
  url: string;
  secret: string;
  /** The event's id: every try and every endpoint gets the same, for receivers to dedupe. */
  eventId: string;
  body: string;
}

/**
 * One signed POST (Standard Webhooks headers), bounded by WEBHOOK_TIMEOUT_MS from connecting
 * to the end of the answer's headers. Redirects are not followed (a 3xx is a failure), and
 * the answer's body is not read. Never throws: a failure is an attempt without a status.
 */
@Injectable()
export class WebhookPoster {
  private readonly timeoutMs: number;

  constructor(config: AppConfigService) {
    this.timeoutMs = config.section(EventsSettings).WEBHOOK_TIMEOUT_MS;
  }

  async post(event: SignedEvent): Promise<WebhookAttempt> {
    const started = Date.now();
    const timestamp = Math.floor(started / 1000);
    const at = new Date(started).toISOString();
    const bound = deadline(this.timeoutMs);
    try {
      const response = await fetch(event.url, {
        method: 'POST',
        redirect: 'manual',
        signal: bound.signal,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'smsauth-webhooks/1',
          'webhook-id': event.eventId,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signStandardWebhook(
            event.secret,
            event.eventId,
            timestamp,
            event.body,
          ),
        },
        body: event.body,
      });
      await response.body?.cancel().catch(() => undefined);
      return { at, statusCode: response.status, durationMs: Date.now() - started };
    } catch (error) {
      return { at, error: describe(error), durationMs: Date.now() - started };
    } finally {
      bound.settle();
    }
  }
}

/**
 * A short, stable reason: `Timeout`, or the socket's error code (ECONNREFUSED...). Read
 * without `instanceof`: the timeout's DOMException may come from another realm.
 */
function describe(error: unknown): string {
  const { name, message, cause } = (typeof error === 'object' && error !== null ? error : {}) as {
    name?: unknown;
    message?: unknown;
    cause?: { code?: unknown };
  };
  if (name === 'TimeoutError' || name === 'AbortError') return 'Timeout';
  if (typeof cause?.code === 'string') return cause.code;
  return typeof message === 'string' ? message.slice(0, 200) : 'TransportError';
}
