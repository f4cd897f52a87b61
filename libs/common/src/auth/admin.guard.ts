import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { AppConfigService } from '@app/config';
import { UnauthorizedError } from '../errors/common.errors';
import { bearerToken } from './bearer-token';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

@Injectable()
export class AdminGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(config: AppConfigService) {
    this.expected = digest(config.get('ADMIN_API_KEY'));
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const token = bearerToken(request.headers.authorization);
    // Comparing digests keeps the comparison constant-time whatever the token's length.
    if (token === undefined || !timingSafeEqual(digest(token), this.expected)) {
      throw new UnauthorizedError('Admin routes need Authorization: Bearer <ADMIN_API_KEY>');
    }
    return true;
  }
}
