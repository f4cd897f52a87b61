import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { header, verifyStandardWebhook } from './webhook-receiver';

/** One POST of a lifecycle event, as a receiver sees it. */
export interface ReceivedEvent {
  webhookId: string;
  type: string;
  timestamp: string;
  data: Record<string, unknown>;
  /** Checked against the secret this receiver was given, as a receiver would. */
  signatureValid: boolean;
  /** What this receiver answered. */
  answered: number;
  /** When it arrived (epoch ms). */
  receivedAt: number;
}

/**
 * A stand-in for an operator's lifecycle-event endpoint. `secret` is set once the endpoint is
 * created (the service generates it); every request is checked with the receivers' own
 * Standard Webhooks verification (webhook-receiver.ts). `failNext(n, status)` answers the
 * next n requests with `status` (a receiver that is down), then 204 again; `delayNext` holds
 * requests before answering.
 */
export class EventReceiver {
  readonly received: ReceivedEvent[] = [];
  secret = '';
  private failures: number[] = [];
  private delays: number[] = [];
  private server?: Server;

  get url(): string {
    const address = this.server?.address() as AddressInfo;
    return `http://127.0.0.1:${address.port}/events`;
  }

  failNext(count: number, status: number): void {
    this.failures.push(...Array.from({ length: count }, () => status));
  }

  /** Holds each of the next `count` requests for `ms` before answering (a hung receiver). */
  delayNext(count: number, ms: number): void {
    this.delays.push(...Array.from({ length: count }, () => ms));
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.read(req).then(async (body) => {
        const delay = this.delays.shift();
        if (delay !== undefined) await new Promise((resolve) => setTimeout(resolve, delay).unref());
        const status = this.failures.shift() ?? 204;
        this.record(req, body, status);
        res.statusCode = status;
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

  /** The events of `type` whose data matches `where` (each given field equal). */
  events(type: string, where: Record<string, unknown> = {}): ReceivedEvent[] {
    return this.received.filter(
      (event) =>
        event.type === type &&
        Object.entries(where).every(([key, value]) => event.data[key] === value),
    );
  }

  /** Waits until `count` events match, or fails with what did arrive. */
  async waitFor(
    type: string,
    where: Record<string, unknown> = {},
    count = 1,
    timeoutMs = 10_000,
  ): Promise<ReceivedEvent[]> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const found = this.events(type, where);
      if (found.length >= count) return found;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const seen = this.received.map((event) => `${event.type} ${JSON.stringify(event.data)}`);
    throw new Error(
      `Waited for ${count} ${type} ${JSON.stringify(where)}; received:\n${seen.join('\n')}`,
    );
  }

  private async read(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  private record(req: IncomingMessage, body: string, answered: number): void {
    const headers = {
      'webhook-id': header(req, 'webhook-id'),
      'webhook-timestamp': header(req, 'webhook-timestamp'),
      'webhook-signature': header(req, 'webhook-signature'),
    };
    const parsed = JSON.parse(body) as Pick<ReceivedEvent, 'type' | 'timestamp' | 'data'>;
    this.received.push({
      webhookId: headers['webhook-id'] ?? '',
      type: parsed.type,
      timestamp: parsed.timestamp,
      data: parsed.data,
      signatureValid: verifyStandardWebhook(this.secret, headers, body),
      answered,
      receivedAt: Date.now(),
    });
  }
}
