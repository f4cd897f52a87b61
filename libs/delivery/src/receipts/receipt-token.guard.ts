import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { UnauthorizedError } from '@app/common';
import { AppConfigService } from '@app/config';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/**
 * Providers do not sign their receipt callbacks (Tencent and Aliyun document no
 * authentication), so the callback URL configured in their console carries a secret:
 * `?token=<SMS_RECEIPT_TOKEN>`. Without the setting, receipts are refused.
 */
@Injectable()
export class ReceiptTokenGuard implements CanActivate {
  private readonly expected?: Buffer;

  constructor(config: AppConfigService) {
    const token = config.get('SMS_RECEIPT_TOKEN');
    this.expected = token === undefined ? undefined : digest(token);
  }

  canActivate(context: ExecutionContext): boolean {
    if (this.expected === undefined) {
      throw new UnauthorizedError('Delivery receipts are off: set SMS_RECEIPT_TOKEN');
    }
    const { query } = context.switchToHttp().getRequest<FastifyRequest>();
    const token = (query as Record<string, unknown> | undefined)?.token;
    // Comparing digests keeps the comparison constant-time whatever the token's length.
    if (typeof token !== 'string' || !timingSafeEqual(digest(token), this.expected)) {
      throw new UnauthorizedError('Receipt callbacks need ?token=<SMS_RECEIPT_TOKEN>');
    }
    return true;
  }
}
