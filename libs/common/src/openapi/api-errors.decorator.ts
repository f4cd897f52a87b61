import { METHOD_METADATA } from '@nestjs/common/constants';
import { DECORATORS } from '@nestjs/swagger';
import { AppError, RetryableAppError } from '../errors/app-error';
import {
  ErrorResponse,
  errorResponseSchema,
  mergeErrorResponses,
  readErrorResponse,
} from './error-response.schema';

/** A domain error class: its status and code are read from an instance. */
export type AppErrorClass = new (...args: never[]) => AppError;

/** Codes by status, for codes without a class of their own here. */
export type ErrorCodesByStatus = Partial<Record<number, string[]>>;

export type DocumentedError = AppErrorClass | ErrorCodesByStatus;

interface SwaggerResponseEntry {
  description?: string;
  schema?: unknown;
}

/**
 * Documents what a route answers when it fails: `@ApiErrors(CodeWrongError, PhoneInvalidError)`,
 * the status coming from each class, or `@ApiErrors({ 409: ['PhoneTaken'] })`. Declarations add
 * up (several decorators, the class's and the method's), one response per status listing every
 * code in its schema's `code` enum. On a class it applies to each of its routes. Errors every
 * route can answer (throttling, outages, bodies) are added by documentErrorResponses.
 */
export function ApiErrors(...errors: DocumentedError[]): MethodDecorator & ClassDecorator {
  const byStatus = groupByStatus(errors);
  return (target: object, _key?: string | symbol, descriptor?: PropertyDescriptor): void => {
    if (descriptor) {
      addErrorResponses(descriptor.value as object, byStatus);
      return;
    }
    const prototype = (target as { prototype: Record<string, unknown> }).prototype;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const handler = prototype[name];
      if (typeof handler === 'function' && Reflect.hasMetadata(METHOD_METADATA, handler))
        addErrorResponses(handler, byStatus);
    }
  };
}

/** Merges error responses into a handler's swagger metadata (keeping hand-written schemas). */
export function addErrorResponses(handler: object, byStatus: Map<number, ErrorResponse>): void {
  const responses = (Reflect.getMetadata(DECORATORS.API_RESPONSE, handler) ?? {}) as Record<
    string,
    SwaggerResponseEntry
  >;
  const next = { ...responses };
  for (const [status, added] of byStatus) {
    const existing = responses[status];
    if (existing?.schema !== undefined && readErrorResponse(existing.schema) === undefined)
      continue;
    const merged = mergeErrorResponses(readErrorResponse(existing?.schema), added);
    next[status] = {
      description: describeCodes(merged),
      schema: errorResponseSchema(status, merged),
    };
  }
  Reflect.defineMetadata(DECORATORS.API_RESPONSE, next, handler);
}

export function describeCodes(response: ErrorResponse): string {
  return `Codes: ${[...response.codes].sort().join(', ')}`;
}

function groupByStatus(errors: DocumentedError[]): Map<number, ErrorResponse> {
  const byStatus = new Map<number, ErrorResponse>();
  const add = (status: number, response: ErrorResponse): void => {
    byStatus.set(status, mergeErrorResponses(byStatus.get(status), response));
  };
  for (const error of errors) {
    if (typeof error === 'function') {
      const { status, code, retryAfter } = describeErrorClass(error);
      add(status, { codes: [code], retryAfter });
      continue;
    }
    for (const [status, codes] of Object.entries(error)) {
      // Codes named without their class: `retryAfter` is documented but not promised.
      add(Number(status), { codes: codes ?? [], retryAfter: false });
    }
  }
  return byStatus;
}

/** Status and code of an error class, read from an instance built for the purpose. */
export function describeErrorClass(errorClass: AppErrorClass): {
  status: number;
  code: string;
  retryAfter: boolean;
} {
  const instance = constructWithoutArguments(errorClass);
  return {
    status: instance.status,
    code: instance.code,
    retryAfter: instance instanceof RetryableAppError,
  };
}

/**
 * `code` and `status` are instance fields: they exist only on an instance. Its constructor's
 * arguments only shape the message, so none are given, or empty lists for a constructor that
 * reads them (e.g. the variables a template misses).
 */
function constructWithoutArguments(errorClass: AppErrorClass): AppError {
  try {
    return Reflect.construct(errorClass, []);
  } catch {
    return Reflect.construct(errorClass, [[], [], []] as never[]);
  }
}
