import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';

export interface ReceivedSms {
  id: string;
  /** `sms`, or `voice` for a code to read out in a call. */
  channel: string;
  phone: string;
  content: string;
  purpose: string;
  variables: Record<string, string>;
  headers: Record<string, string | undefined>;
  signatureValid: boolean;
  /** The status this receiver answered; `closed` when it closed the socket instead. */
  answered?: number | 'closed';
  /** When it arrived (epoch ms). */
  receivedAt: number;
}

/**
 * `close-after-read`: read the whole request, then close the socket without answering (as a
 * receiver that crashes or a proxy that drops the connection after forwarding).
 */
export type ReceiverMode = { status: number } | { delayMs: number } | 'ok' | 'close-after-read';

/**
 * A stand-in for the operator's SMS webhook. It checks the Standard Webhooks
 * signature with its own implementation of the scheme, so a broken signer in
 * the app cannot also fool the test.
 */
export class WebhookReceiver {
  readonly received: ReceivedSms[] = [];
  readonly secret = `whsec_${Buffer.from('test-webhook-secret-0123456789').toString('base64')}`;
  private mode: ReceiverMode = 'ok';
  private server?: Server;
  private waiters: Array<() => void> = [];

  get url(): string {
    const address = this.server?.address() as AddressInfo;
    return `http://127.0.0.1:${address.port}/sms`;
  }

  /** Settings that point an app instance at this receiver. */
  get settings(): Record<string, string> {
    return { SMS_PROVIDER: 'webhook', SMS_WEBHOOK_URL: this.url, SMS_WEBHOOK_SECRET: this.secret };
  }

  setMode(mode: ReceiverMode): void {
    this.mode = mode;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(async (sms) => {
        const mode = this.mode;
        if (mode === 'close-after-read') {
          sms.answered = 'closed';
          req.socket.destroy();
          return;
        }
        if (typeof mode === 'object' && 'delayMs' in mode) await sleep(mode.delayMs);
        res.statusCode = typeof mode === 'object' && 'status' in mode ? mode.status : 204;
        sms.answered = res.statusCode;
        res.end();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  messagesTo(phone: string): ReceivedSms[] {
    return this.received.filter((sms) => sms.phone === phone);
  }

  /**
   * Resolves once a message is at this receiver, not yet answered (in mode `delayMs`): a
   * sender killed now has a message in flight at its provider.
   */
  async untilOneInFlight(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.received.some((sms) => sms.answered === undefined)) {
      if (Date.now() > deadline) throw new Error(`No message in flight within ${timeoutMs} ms`);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** The messages to `phone` this receiver took (answered 2xx): what the phone would get. */
  acceptedTo(phone: string): ReceivedSms[] {
    return this.messagesTo(phone).filter(
      (sms) => typeof sms.answered === 'number' && sms.answered >= 200 && sms.answered < 300,
    );
  }

  /** The code of the latest message to `phone`. */
  lastCodeFor(phone: string): string {
    const messages = this.messagesTo(phone);
    const last = messages[messages.length - 1];
    if (!last) throw new Error(`No SMS was received for ${phone}`);
    return last.variables.code;
  }

  async waitForCount(count: number, timeoutMs = 2000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < count && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  private async handle(req: IncomingMessage): Promise<ReceivedSms> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const headers = {
      'webhook-id': header(req, 'webhook-id'),
      'webhook-timestamp': header(req, 'webhook-timestamp'),
      'webhook-signature': header(req, 'webhook-signature'),
      'content-type': header(req, 'content-type'),
    };
    const payload = JSON.parse(body) as Omit<
      ReceivedSms,
      'headers' | 'signatureValid' | 'receivedAt'
    >;
    const signatureValid = this.verify(headers, body);
    const sms: ReceivedSms = { ...payload, headers, signatureValid, receivedAt: Date.now() };
    this.received.push(sms);
    this.waiters.splice(0).forEach((wake) => wake());
    return sms;
  }

  private verify(headers: Record<string, string | undefined>, body: string): boolean {
    return verifyStandardWebhook(this.secret, headers, body);
  }
}

/**
 * A receiver's check of the Standard Webhooks signature, written here from the scheme (not
 * the app's signer): the id, timestamp and body signed with the key after `whsec_`, any of
 * the space-separated `v1,` signatures matching in constant time, and a timestamp within
 * five minutes.
 */
export function verifyStandardWebhook(
  secret: string,
  headers: Record<string, string | undefined>,
  body: string,
): boolean {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signatures = headers['webhook-signature'];
  if (!id || !timestamp || !signatures) return false;
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest();
  return signatures.split(' ').some((entry) => {
    const [version, value] = entry.split(',');
    if (version !== 'v1' || !value) return false;
    const given = Buffer.from(value, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

export function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Unreferenced: a receiver holding a request for long does not keep the test run alive. */
function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
