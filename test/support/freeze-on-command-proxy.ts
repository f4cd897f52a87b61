import { AddressInfo, createConnection, createServer, Server, Socket } from 'node:net';

/**
 * A TCP relay between the app and a server that runs an action (freezing the server) the
 * moment the app sends bytes holding a given text, before relaying them. So a test can hang
 * Redis exactly when one command reaches it (a send's reservation), the commands before it
 * (the throttler's) having been answered.
 */
export class FreezeOnCommandProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private trigger?: { text: string; action: () => void };

  constructor(private readonly target: { host: string; port: number }) {}

  static forUrl(url: string): FreezeOnCommandProxy {
    const { hostname, port } = new URL(url);
    return new FreezeOnCommandProxy({ host: hostname, port: Number(port) });
  }

  get url(): string {
    const address = this.server?.address() as AddressInfo;
    return `redis://127.0.0.1:${address.port}`;
  }

  /** Runs `action` once, when the next chunk from the app holds `text`. */
  onceSent(text: string, action: () => void): void {
    this.trigger = { text, action };
  }

  async start(): Promise<this> {
    this.server = createServer((client) => this.relay(client));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  private relay(client: Socket): void {
    const upstream = createConnection(this.target);
    this.sockets.add(client).add(upstream);
    client.on('data', (chunk: Buffer) => {
      const trigger = this.trigger;
      if (trigger && chunk.includes(trigger.text)) {
        this.trigger = undefined;
        trigger.action();
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    const close = (): void => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on('close', close).on('error', close);
    upstream.on('close', close).on('error', close);
  }
}
