import { applyDecorators } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { UNTHROTTLED_EXTENSION } from '../openapi/document-error-responses';

/** Skips the per-IP throttler, and says so in OpenAPI (no 429 `TooManyRequests` here). */
export const Unthrottled = (): MethodDecorator & ClassDecorator =>
  applyDecorators(SkipThrottle(), ApiExtension(UNTHROTTLED_EXTENSION, true));
