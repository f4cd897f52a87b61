import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppConfigService } from '@app/config';
import { Metrics } from './metrics.service';

/**
 * METRICS_PORT: `GET /metrics` on a listener of its own, bound to METRICS_HOST (loopback by
 * default), without a token, as identity servers expose theirs on an admin port. Nothing else
 * is served there. Off while METRICS_PORT is unset.
 */
@Injectable()
export class MetricsPortServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Metrics');
  private server?: Server;

  constructor(
    private readonly metrics: Metrics,
    private readonly config: AppConfigService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const port = this.config.get('METRICS_PORT');
    if (port === undefined) return;
    const host = this.config.get('METRICS_HOST');
    const server = createServer((request, response) => void this.answer(request, response));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    this.logger.log(`Metrics on http://${host}:${port}/metrics`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (server === undefined) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Where it listens, once started. */
  get address(): AddressInfo | undefined {
    return (this.server?.address() as AddressInfo | null) ?? undefined;
  }

  private async answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '').split('?')[0];
    if (path !== '/metrics' || (request.method !== 'GET' && request.method !== 'HEAD')) {
      return this.error(response, 404, 'NotFound', 'Only GET /metrics is served here');
    }
    try {
      const text = await this.metrics.scrape();
      response.writeHead(200, { 'Content-Type': this.metrics.contentType });
      response.end(request.method === 'HEAD' ? undefined : text);
    } catch (error) {
      this.logger.error(`Scrape failed: ${error instanceof Error ? error.message : String(error)}`);
      this.error(response, 500, 'InternalError', 'The metrics could not be collected');
    }
  }

  private error(response: ServerResponse, status: number, code: string, message: string): void {
    response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
    response.end(JSON.stringify({ statusCode: status, code, message }));
  }
}
