import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { LEANCLOUD_MESSAGES, LeanCloudCode, LeanCloudError } from '../errors/leancloud-error';

/** The JSON object of a request body, as LeanCloud read it. */
export type JsonObject = Record<string, unknown>;

/**
 * The body as an object. SDK 4.15.2 sends the literal `null` on some routes (and nothing on
 * GET), which LeanCloud read as `{}`; any other non-object is refused with 107.
 */
export function bodyObject(body: unknown): JsonObject {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw new LeanCloudError(107);
  return body as JsonObject;
}

interface LeanCloudContext {
  leanCloudCode: LeanCloudCode;
  message?: string;
}

/**
 * Attach to a validator as `context` to answer its failure with that LeanCloud number
 * (e.g. 212 for a missing phone) instead of 107. A missing value fails `@IsDefined` first.
 */
export const leanCloudCode = (
  code: LeanCloudCode,
  message?: string,
): { context: LeanCloudContext } => ({ context: { leanCloudCode: code, message } });

function firstFailure(errors: ValidationError[]): ValidationError | undefined {
  for (const error of errors) {
    if (error.constraints !== undefined) return error;
    const nested = firstFailure(error.children ?? []);
    if (nested) return nested;
  }
  return undefined;
}

function toLeanCloudError(errors: ValidationError[]): LeanCloudError {
  const failure = firstFailure(errors);
  const contexts = Object.values(failure?.contexts ?? {}) as Array<Partial<LeanCloudContext>>;
  const context = contexts.find((candidate) => candidate.leanCloudCode !== undefined);
  if (context?.leanCloudCode !== undefined) {
    return new LeanCloudError(context.leanCloudCode, context.message);
  }
  const reasons = Object.values(failure?.constraints ?? {}).join('; ');
  return new LeanCloudError(107, reasons ? `Invalid value: ${reasons}` : LEANCLOUD_MESSAGES[107]);
}

/**
 * Reads and validates a `/1.1` body against a DTO class. Unlike `/v1`, unknown keys are
 * dropped rather than refused: LeanCloud clients send extra attributes (template variables,
 * a user's custom fields). A failure answers LeanCloud's number for the field, else 107.
 */
export function parseLeanCloudBody<T extends object>(dto: ClassConstructor<T>, body: unknown): T {
  const instance = plainToInstance(dto, bodyObject(body), { enableImplicitConversion: false });
  const errors = validateSync(instance, {
    whitelist: true,
    forbidNonWhitelisted: false,
    validationError: { target: false, value: false },
  });
  if (errors.length > 0) throw toLeanCloudError(errors);
  return instance;
}

/** The query string, validated like a body (its values are strings). */
export const LeanCloudQuery = createParamDecorator(
  (dto: ClassConstructor<object>, context: ExecutionContext): object =>
    parseLeanCloudBody(dto, context.switchToHttp().getRequest<FastifyRequest>().query),
);

/** `@LeanCloudBody(Dto)`: the validated body. `@LeanCloudBody()`: the raw body object. */
export const LeanCloudBody = createParamDecorator(
  (dto: ClassConstructor<object> | undefined, context: ExecutionContext): object => {
    const { body } = context.switchToHttp().getRequest<FastifyRequest>();
    return dto === undefined ? bodyObject(body) : parseLeanCloudBody(dto, body);
  },
);
