import { Injectable } from '@nestjs/common';
import { createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppConfigService } from '@app/config';
import { RedisService } from '@app/redis';
import { normalizeCaptchaAnswer } from '../captcha-answer';

/** 24 random bytes: a token no one guesses, 32 characters of base64url. */
function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Keys hold the token's SHA-256, never the token: a Redis dump hands out nothing usable. */
function tokenDigest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Image captcha challenges and validate tokens in Redis, each under its TTL and each one-shot:
 * taking a challenge is a GETDEL and consuming a validate token a DEL, so under any
 * concurrency exactly one caller gets it. Nothing is kept in the process.
 */
@Injectable()
export class CaptchaTokenStore {
  private readonly secret: Buffer;

  constructor(
    private readonly redis: RedisService,
    config: AppConfigService,
  ) {
    const explicitSecret = config.get('CAPTCHA_SECRET');
    this.secret = explicitSecret
      ? Buffer.from(explicitSecret)
      : Buffer.from(hkdfSync('sha256', config.get('ADMIN_API_KEY'), '', 'captcha-answer-hmac', 32));
  }

  /** Stores the answer (as an HMAC bound to the new token) and returns the captcha token. */
  async saveChallenge(answer: string, ttlSeconds: number): Promise<string> {
    const token = newToken();
    const digest = tokenDigest(token);
    await this.redis.client.set(
      this.challengeKey(digest),
      this.answerHash(digest, answer),
      'PX',
      ttlSeconds * 1000,
    );
    return token;
  }

  /**
   * Spends the challenge (one attempt, right or wrong) and tells whether `answer` solves it.
   * False as well for a token that is unknown, used or expired.
   */
  async takeChallenge(token: string, answer: string): Promise<boolean> {
    const digest = tokenDigest(token);
    const stored = await this.redis.client.getdel(this.challengeKey(digest));
    if (stored === null) return false;
    const expected = Buffer.from(stored, 'hex');
    const given = Buffer.from(this.answerHash(digest, answer), 'hex');
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  async issueValidateToken(ttlSeconds: number): Promise<string> {
    const token = newToken();
    await this.redis.client.set(this.validateKey(token), '1', 'PX', ttlSeconds * 1000);
    return token;
  }

  /** True exactly once per issued, unexpired token. */
  async consumeValidateToken(token: string): Promise<boolean> {
    return (await this.redis.client.del(this.validateKey(token))) === 1;
  }

  private answerHash(digest: string, answer: string): string {
    return createHmac('sha256', this.secret)
      .update(`${digest}:${normalizeCaptchaAnswer(answer)}`)
      .digest('hex');
  }

  private challengeKey(digest: string): string {
    return this.redis.key('captcha', 'challenge', digest);
  }

  private validateKey(token: string): string {
    return this.redis.key('captcha', 'validate', tokenDigest(token));
  }
}
