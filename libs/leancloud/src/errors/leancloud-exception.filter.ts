import { ArgumentsHost, Catch, ExceptionFilter, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { answerOnceCounted, AppExceptionFilter, RetryableAppError } from '@app/common';
import { toLeanCloudError } from './domain-error-map';
import { LeanCloudError, LeanCloudErrorBody } from './leancloud-error';

/**
 * Answers errors on `/1.1` as LeanCloud did: `{ code, error }` with LeanCloud's numbers. It
 * reuses the global filter's reading of an error (domain, framework, dependency down, or
 * unknown and logged under a correlation id), then translates the result.
 */
@Catch()
@Injectable()
export class LeanCloudExceptionFilter implements ExceptionFilter {
  private readonly ours = new AppExceptionFilter();

  catch(error: unknown, host: ArgumentsHost): void {
    // A request that failed before its route's script counted its per-IP hit counts it now.
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    answerOnceCounted(request, error, (answered) => this.answer(answered, host));
  }

  private answer(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const answer =
      error instanceof LeanCloudError ? error : toLeanCloudError(this.ours.toBody(error), error);
    if (error instanceof RetryableAppError) {
      void reply.header('Retry-After', String(error.retryAfterSeconds));
    }
    const body: LeanCloudErrorBody = { code: answer.code, error: answer.message };
    void reply.status(answer.status).type('application/json; charset=utf-8').send(body);
  }
}
