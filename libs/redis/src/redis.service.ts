import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { AppConfigService, redisTlsOptions } from '@app/config';
import Redis from 'ioredis';
import { explainConnectionFailure } from './connection-failure';

/**
 * Owns the one Redis connection of the process. All state that must hold
 * across API instances (codes, counters, captcha tokens, throttling) lives here.
 */
@Injectable()
export class RedisService implements OnApplicationShutdown {
  private readonly logger = new Logger(RedisService.name);
  readonly client: Redis;
  private readonly prefix: string;
  private readonly url: string;

  constructor(config: AppConfigService) {
    this.prefix = config.get('REDIS_KEY_PREFIX');
    this.url = config.get('REDIS_URL');
    this.client = new Redis(this.url, {
      // rediss:// with REDIS_TLS_CA_FILE (and a client certificate); a user and password in the
      // URL log in as that ACL user.
      tls: redisTlsOptions({
        REDIS_URL: this.url,
        REDIS_TLS_CA_FILE: config.get('REDIS_TLS_CA_FILE'),
        REDIS_TLS_CERT_FILE: config.get('REDIS_TLS_CERT_FILE'),
        REDIS_TLS_KEY_FILE: config.get('REDIS_TLS_KEY_FILE'),
      }),
      // Fail fast instead of queueing commands while Redis is away: every caller
      // fails closed (no Redis, no code), and /health reports it.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
      // A Redis that stops answering keeps its connection open: without a bound per command,
      // every request waiting on it would hang. A timed-out command still reaches Redis if it
      // resumes (see SmsCodeStore.reserve for the one write that must then be undone).
      commandTimeout: config.get('REDIS_COMMAND_TIMEOUT_MS'),
      lazyConnect: false,
      // The commands of one turn of the event loop in one socket write: under load a send's
      // throttle hit, reservation and queue jobs share writes with other requests' (in
      // `npm run bench` #1: 37% more sends a second, 12% less CPU each).
      enableAutoPipelining: true,
    });
    this.client.on('error', (error: Error) => this.logger.warn(`Redis: ${error.message}`));
  }

  /** Builds a key under this deployment's prefix: `key('sms', 'code', phone)`. */
  key(...parts: Array<string | number>): string {
    return this.prefix + parts.join(':');
  }

  async ping(): Promise<boolean> {
    try {
      return (await this.client.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  /**
   * Resolves once connected (used at start-up so the first request does not race the
   * connection). Fails at once on what no retry cures (a refused log-in, an untrusted
   * certificate), else after `timeoutMs`, saying why.
   */
  async waitUntilReady(timeoutMs = 5000): Promise<void> {
    if (this.client.status === 'ready') return;
    await new Promise<void>((resolve, reject) => {
      let lastFailure = '';
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`Redis not reachable within ${timeoutMs} ms${lastFailure}`));
      }, timeoutMs);
      const onReady = (): void => {
        cleanup();
        resolve();
      };
      const onError = (error: Error): void => {
        const failure = explainConnectionFailure(error, this.url);
        lastFailure = ` (${failure.message})`;
        if (!failure.permanent) return;
        cleanup();
        reject(new Error(failure.message));
      };
      const cleanup = (): void => {
        clearTimeout(timer);
        this.client.off('ready', onReady);
        this.client.off('error', onError);
      };
      this.client.on('ready', onReady);
      this.client.on('error', onError);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }
}
