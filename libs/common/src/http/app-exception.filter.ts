import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, RetryableAppError } from '../errors/app-error';
import { ServiceUnavailableError } from '../errors/common.errors';
import { answerOnceCounted } from '../throttling/pending-client-hit';
import { isDependencyUnavailable } from './dependency-failure';
import { codeForStatus, HttpErrorBody } from './http-error-body';

interface FrameworkError {
  statusCode: number;
  message: string;
}

/** Errors Fastify raises before our handlers run (bad JSON, body too large, wrong media type). */
function isFrameworkClientError(error: unknown): error is FrameworkError {
  if (typeof error !== 'object' || error === null) return false;
  const { statusCode } = error as { statusCode?: unknown };
  return typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500;
}

/** A path prefix whose routes answer errors in another format (a compatibility API). */
export interface PrefixErrorFormat {
  /** E.g. `/1.1`: matches `/1.1`, `/1.1/...` and `/1.1?...`. */
  prefix: string;
  filter: ExceptionFilter;
}

function underPrefix(url: string, prefix: string): boolean {
  if (!url.startsWith(prefix)) return false;
  const next = url.charAt(prefix.length);
  return next === '' || next === '/' || next === '?';
}

/**
 * Turns every error into `{ statusCode, code, message }`. Domain errors carry
 * their own code; anything unknown is a 500 whose details only reach the log,
 * under a correlation id the client can quote. Requests under a prefix with its
 * own format go to that format's filter, including errors raised before any
 * route runs (unknown path, malformed JSON, body too large).
 */
@Catch()
export class AppExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(private readonly formats: readonly PrefixErrorFormat[] = []) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    // A request that failed before its route's script counted its per-IP hit counts it now.
    answerOnceCounted(request, error, (answered) => this.answer(answered, host, request.url));
  }

  private answer(error: unknown, host: ArgumentsHost, url: string): void {
    const format = this.formats.find(({ prefix }) => underPrefix(url, prefix));
    if (format) {
      format.filter.catch(error, host);
      return;
    }
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = this.toBody(error);
    if (error instanceof RetryableAppError) {
      void reply.header('Retry-After', String(error.retryAfterSeconds));
    }
    void reply.status(body.statusCode).type('application/json').send(body);
  }

  toBody(error: unknown): HttpErrorBody {
    if (error instanceof AppError) {
      return {
        statusCode: error.status,
        code: error.code,
        message: error.message,
        ...error.details,
      };
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      if (status < 500)
        return { statusCode: status, code: codeForStatus(status), message: error.message };
    } else if (isFrameworkClientError(error)) {
      return {
        statusCode: error.statusCode,
        code: codeForStatus(error.statusCode),
        message: error.message,
      };
    }
    if (isDependencyUnavailable(error)) {
      this.logger.warn(
        `Dependency unavailable: ${error instanceof Error ? error.message : String(error)}`,
      );
      const unavailable = new ServiceUnavailableError();
      return {
        statusCode: unavailable.status,
        code: unavailable.code,
        message: unavailable.message,
      };
    }
    const correlationId = randomUUID();
    this.logger.error(
      `Unhandled error ${correlationId}`,
      error instanceof Error ? error.stack : String(error),
    );
    return {
      statusCode: 500,
      code: 'InternalError',
      message: `Internal error; quote ${correlationId} when reporting it`,
    };
  }
}
