import { createServer } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Transport behaviours every provider fake offers for failover tests. */
export type FakeTransportMode = 'ok' | 'down' | 'slow' | 'error500';

export interface ReceivedHttpRequest {
  method: string;
  /** Path and query as received. */
  target: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface FakeHttpAnswer {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

/** `drop`: destroy the socket without answering; `hang`: never answer. */
export type FakeHttpReaction = FakeHttpAnswer | 'drop' | 'hang';

export interface FakeHttpServer {
  url: string;
  close(): Promise<void>;
}

/** A plain-http server on 127.0.0.1 and a free port that hands each full request to `react`. */
export async function startFakeHttpServer(
  react: (request: ReceivedHttpRequest) => FakeHttpReaction,
): Promise<FakeHttpServer> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const reaction = react({
        method: req.method ?? '',
        target: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      if (reaction === 'drop') {
        req.socket.destroy();
      } else if (reaction !== 'hang') {
        res.writeHead(reaction.status, reaction.headers).end(reaction.body);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Hanging requests and idle keep-alive sockets would keep close() waiting.
        server.closeAllConnections();
      }),
  };
}
