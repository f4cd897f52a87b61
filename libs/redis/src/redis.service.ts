import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { AppConfigService } from '@app/config';
import { explainConnectionFailure } from './connection-failure';
import {
  createRedisClient,
  isCluster,
  type RedisClient,
  redisConnectionSettings,
} from './redis-client';

/**
 * Owns the one Redis connection of the process. All state that must hold
 * across API instances (codes, counters, captcha tokens, throttling) lives here.
 */
@Injectable()
export class RedisService implements OnApplicationShutdown {
  private readonly logger = new Logger(RedisService.name);
  readonly client: RedisClient;
  /** On a Redis Cluster (REDIS_CLUSTER): keys of one script need one hash slot. */
  readonly cluster: boolean;
  private readonly prefix: string;
  private readonly url: string;

  constructor(config: AppConfigService) {
    this.prefix = config.get('REDIS_KEY_PREFIX');
    this.url = config.get('REDIS_URL');
    // rediss:// with REDIS_TLS_CA_FILE (and a client certificate); a user and password in the
    // URL log in as that ACL user; with REDIS_CLUSTER, the same for every node of the cluster.
    this.client = createRedisClient(redisConnectionSettings(config), {
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
    this.cluster = isCluster(this.client);
    this.client.on('error', (error: Error) => this.logger.warn(`Redis: ${error.message}`));
  }

  /** Builds a key under this deployment's prefix: `key('sms', 'code', phone)`. */
  key(...parts: Array<string | number>): string {
    return this.prefix + parts.join(':');
  }

  /**
   * A key part that puts every key holding it in one hash slot on a Redis Cluster (`{value}`,
   * a hash tag), so that one script may use them together: `key('sms', 'code', slotTag(phone))`.
   * On a single Redis the value as it is: key names stay those of before the cluster mode.
   */
  slotTag(value: string): string {
    return this.cluster ? `{${value}}` : value;
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
