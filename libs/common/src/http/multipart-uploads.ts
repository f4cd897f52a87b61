import fastifyMultipart from '@fastify/multipart';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors/app-error';

/** The route config key of a route that takes a multipart upload. */
const MULTIPART_UPLOAD = 'multipartUpload';

/** Marks a route as taking `multipart/form-data` (a file upload); every other route refuses it. */
export const MultipartUpload = (): MethodDecorator => RouteConfig({ [MULTIPART_UPLOAD]: true });

export class UnsupportedMediaTypeError extends AppError {
  readonly code = 'UnsupportedMediaType';
  readonly status = 415;
  constructor(message = 'This route does not take this content type') {
    super(message);
  }
}

/**
 * Multipart bodies (@fastify/multipart, streamed: the parser reads nothing, the route reads its
 * file) for the routes marked `@MultipartUpload()` only. Everywhere else a multipart body stays
 * refused with 415 before it is parsed, as when no parser took it: a cross-site HTML form can
 * post multipart without a CORS preflight, and the app's routes take JSON.
 */
export function useMultipartUploads(fastify: FastifyInstance): void {
  void fastify.register(fastifyMultipart, {
    limits: { files: 1, fields: 10, fieldSize: 1024, parts: 20, headerPairs: 100 },
  });
  fastify.addHook('preParsing', (request, _reply, payload, done) => {
    const type = request.headers['content-type'];
    const multipart = typeof type === 'string' && /^\s*multipart\//i.test(type);
    const config = request.routeOptions.config as unknown as Record<string, unknown> | undefined;
    if (multipart && config?.[MULTIPART_UPLOAD] !== true) {
      done(new UnsupportedMediaTypeError(`Unsupported Media Type: ${type}`), payload);
      return;
    }
    done(null, payload);
  });
}
