import { Injectable } from '@nestjs/common';
import { RedisService } from '@app/redis';

/**
 * LeanCloud clients get a captcha as a URL, not inline, so the PNG is kept in Redis for the
 * challenge's lifetime, under its token. Any instance can serve it.
 */
@Injectable()
export class CaptchaImageStore {
  constructor(private readonly redis: RedisService) {}

  async save(token: string, png: Buffer, ttlSeconds: number): Promise<void> {
    await this.redis.client.set(this.key(token), png, 'EX', ttlSeconds);
  }

  find(token: string): Promise<Buffer | null> {
    return this.redis.client.getBuffer(this.key(token));
  }

  private key(token: string): string {
    return this.redis.key('leancloud', 'captcha-image', token);
  }
}
