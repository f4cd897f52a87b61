import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedCode {
  code: string;
  purpose: string;
}

/**
 * The SMS webhook the API (and the floor) send to: reads the body, keeps the latest code per
 * phone (a message without a code, a campaign's, is tallied per phone instead), answers 204.
 * Each sender posts to its own path (`/api`, `/floor`), so their codes stay apart. Signatures
 * are not checked: the e2e suites do that; here the receiver must stay cheap.
 */
export class BenchSmsReceiver {
  private server?: Server;
  private readonly codes = new Map<string, Map<string, ReceivedCode>>();
  private readonly counts = new Map<string, number>();
  private readonly tallies = new Map<string, Map<string, number>>();

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.receive(req)
        .then(() => {
          res.statusCode = 204;
          res.end();
        })
        .catch(() => {
          res.statusCode = 400;
          res.end();
        });
    });
    this.server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  urlFor(sender: string): string {
    const { port } = this.server?.address() as AddressInfo;
    return `http://127.0.0.1:${port}/${sender}`;
  }

  /** Messages received from one sender so far. */
  count(sender: string): number {
    return this.counts.get(sender) ?? 0;
  }

  /** Messages without a code (a campaign's) from this sender, by phone. */
  tallyFrom(sender: string): Map<string, number> {
    let tally = this.tallies.get(sender);
    if (!tally) this.tallies.set(sender, (tally = new Map()));
    return tally;
  }

  /** Phones with a code from this sender, oldest first. */
  codesFrom(sender: string): Map<string, ReceivedCode> {
    let codes = this.codes.get(sender);
    if (!codes) this.codes.set(sender, (codes = new Map()));
    return codes;
  }

  private async receive(req: IncomingMessage): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const sender = (req.url ?? '/').slice(1);
    const message = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
      phone: string;
      purpose: string;
      variables: { code?: string };
    };
    this.counts.set(sender, this.count(sender) + 1);
    if (message.variables.code === undefined) {
      const tally = this.tallyFrom(sender);
      tally.set(message.phone, (tally.get(message.phone) ?? 0) + 1);
      return;
    }
    const codes = this.codesFrom(sender);
    // Re-inserted, so the map's order stays "oldest code first".
    codes.delete(message.phone);
    codes.set(message.phone, { code: message.variables.code, purpose: message.purpose });
  }
}
