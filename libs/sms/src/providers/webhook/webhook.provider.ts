import { OutgoingSms, SmsProvider, SmsProviderError, SmsSendResult } from '../sms-provider';
import { signStandardWebhook } from './standard-webhook-signature';

export interface WebhookProviderOptions {
  url: string;
  secret: string;
  timeoutMs: number;
}

/**
 * POSTs each message as JSON to a URL of the operator's, signed in the Standard
 * Webhooks scheme. A 2xx answer within the timeout is success.
 */
export class WebhookSmsProvider implements SmsProvider {
  readonly name = 'webhook';

  constructor(private readonly options: WebhookProviderOptions) {}

  async send(sms: OutgoingSms, signal: AbortSignal): Promise<SmsSendResult> {
    const body = JSON.stringify({
      id: sms.id,
      phone: sms.phone,
      content: sms.content,
      purpose: sms.purpose,
      variables: Object.fromEntries(sms.variables),
    });
    const webhookId = `msg_${sms.id}`;
    const timestamp = Math.floor(Date.now() / 1000);
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    let response: Response;
    try {
      response = await fetch(this.options.url, {
        method: 'POST',
        body,
        signal: AbortSignal.any([signal, timeout]),
        headers: {
          'content-type': 'application/json',
          'webhook-id': webhookId,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signStandardWebhook(this.options.secret, webhookId, timestamp, body),
        },
      });
      // The body is not needed; draining it frees the connection for reuse.
      await response.arrayBuffer();
    } catch (error) {
      if (timeout.aborted) {
        throw new SmsProviderError(
          this.name,
          'timeout',
          'Timeout',
          'The webhook did not answer in time',
        );
      }
      const message = error instanceof Error ? error.message : String(error);
      throw new SmsProviderError(this.name, 'transport', 'TransportError', message);
    }
    if (response.ok) return { providerMessageId: sms.id };
    const kind = response.status >= 500 ? 'server' : 'rejected';
    throw new SmsProviderError(
      this.name,
      kind,
      `HTTP${response.status}`,
      `The webhook answered ${response.status}`,
    );
  }
}
