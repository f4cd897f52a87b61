import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { UNTHROTTLED_EXTENSION } from '../openapi/document-error-responses';

export const UNTHROTTLED = 'unthrottled';

/** Skips the per-IP throttler, and says so in OpenAPI (no 429 `TooManyRequests` here). */
export const Unthrottled = (): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(UNTHROTTLED, true), ApiExtension(UNTHROTTLED_EXTENSION, true));
