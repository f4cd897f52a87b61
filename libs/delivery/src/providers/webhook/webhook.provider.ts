import { Agent as HttpAgent, type ClientRequest, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import type { MessageChannel } from '../../channels/channel';
import { refused, unknownOutcome, unreached } from '../sms-provider';
import type { OutgoingSms, SendOutcome, SmsProvider } from '../sms-provider';
import { signStandardWebhook } from '@app/common';

export interface WebhookProviderOptions {
  url: string;
  secret: string;
  timeoutMs: number;
  /** `<PROVIDER>_MAX_PER_SECOND`; undefined, no limit. */
  maxPerSecond?: number;
  /** What it carries; `sms` by default. The body names it, so one receiver serves both. */
  channel?: MessageChannel;
}

/**
 * POSTs each message as JSON to a URL of the operator's, signed in the Standard
 * Webhooks scheme; `channel` tells an SMS (`sms`) from a voice code to call out (`voice`). A 2xx answer within the timeout is success; 401/403 and 429 are this
 * webhook's own refusals (another provider may send), other 4xx refuse the message, a 5xx
 * is the webhook's fault. A request is posted once: a failure once it may have been written
 * is `unknown`, never retried here (a retry on a reset kept-alive socket once posted one
 * message twice).
 *
 * It is called on every send, so it uses node:http with keep-alive connections
 * rather than fetch, whose web streams and signals cost several times more CPU
 * per call (measured with `npm run bench`).
 */
export class WebhookSmsProvider implements SmsProvider {
  readonly name = 'webhook';
  readonly channel: MessageChannel;
  readonly maxPerSecond?: number;
  private readonly url: URL;
  private readonly agent: HttpAgent;
  private readonly request: typeof httpRequest;

  constructor(private readonly options: WebhookProviderOptions) {
    this.maxPerSecond = options.maxPerSecond;
    this.channel = options.channel ?? 'sms';
    this.url = new URL(options.url);
    const https = this.url.protocol === 'https:';
    this.agent = https ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
    this.request = https ? httpsRequest : httpRequest;
  }

  async send(sms: OutgoingSms, signal: AbortSignal): Promise<SendOutcome> {
    const body = JSON.stringify({
      id: sms.id,
      channel: this.channel,
      phone: sms.phone,
      content: sms.content,
      purpose: sms.purpose,
      variables: Object.fromEntries(sms.variables),
    });
    const webhookId = `msg_${sms.id}`;
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      'webhook-id': webhookId,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signStandardWebhook(this.options.secret, webhookId, timestamp, body),
    };
    const answer = await this.post(body, headers, signal);
    if (typeof answer !== 'number') return answer;
    if (answer >= 200 && answer < 300) return { status: 'accepted', providerMessageId: sms.id };
    const code = `HTTP${answer}`;
    const message = `The webhook answered ${answer}`;
    if (answer === 401 || answer === 403) {
      return refused('authentication_failed', 'provider', code, message);
    }
    if (answer === 429) return refused('rate_limited', 'provider', code, message);
    return refused('other', answer >= 500 ? 'provider' : 'message', code, message);
  }

  /**
   * Resolves with the answer's status once its body is drained (so the connection is reused),
   * or with why there is none. Until the socket is connected (TLS included) nothing of the
   * request can have gone out; after that, any failure may follow a delivered request.
   */
  private post(
    body: string,
    headers: Record<string, string>,
    signal: AbortSignal,
  ): Promise<number | Exclude<SendOutcome, { status: 'accepted' | 'refused' }>> {
    return new Promise((resolve) => {
      let timedOut = false;
      let connected = false;
      const outgoing: ClientRequest = this.request(
        this.url,
        { method: 'POST', agent: this.agent, headers, signal },
        (response) => {
          response.on('error', fail);
          response.on('end', () => {
            clearTimeout(timer);
            resolve(response.statusCode ?? 0);
          });
          response.resume();
        },
      );
      outgoing.on('socket', (socket: Socket) => {
        // A kept-alive socket handed out again is connected (its TLS handshake done).
        if (outgoing.reusedSocket) {
          connected = true;
          return;
        }
        socket.once(this.url.protocol === 'https:' ? 'secureConnect' : 'connect', () => {
          connected = true;
        });
      });
      const timer = setTimeout(() => {
        timedOut = true;
        outgoing.destroy(new Error('timeout'));
      }, this.options.timeoutMs);

      function fail(this: void, error: NodeJS.ErrnoException): void {
        clearTimeout(timer);
        const timeout = timedOut || (signal.aborted && isTimeout(signal.reason));
        const code = timeout ? 'Timeout' : (error.code ?? 'TransportError');
        const message = timeout ? 'The webhook did not answer in time' : error.message;
        resolve(connected ? unknownOutcome(code, message) : unreached(code, message));
      }
      outgoing.on('error', fail);
      outgoing.end(body);
    });
  }
}

/** Read without `instanceof`: the signal's DOMException may come from another realm. */
function isTimeout(reason: unknown): boolean {
  return typeof reason === 'object' && reason !== null && 'name' in reason
    ? reason.name === 'TimeoutError'
    : false;
}
