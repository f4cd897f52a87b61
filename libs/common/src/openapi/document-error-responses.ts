import type { OpenAPIObject, OperationObject, ResponseObject, SchemaObject } from '@nestjs/swagger';
import { describeCodes } from './api-errors.decorator';
import {
  ERROR_BODY_SCHEMA,
  ERROR_BODY_SCHEMA_NAME,
  ErrorResponse,
  errorResponseSchema,
  mergeErrorResponses,
  readErrorResponse,
} from './error-response.schema';

/** Set on an operation that the per-IP throttler skips (see Unthrottled). */
export const UNTHROTTLED_EXTENSION = 'x-unthrottled';

const METHODS_WITH_BODY = new Set(['post', 'put', 'patch', 'delete']);
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

const one = (code: string, retryAfter = false): ErrorResponse => ({ codes: [code], retryAfter });

/**
 * What any route may answer whatever it does, so it is documented here once instead of on every
 * handler: a bug (500), Redis or PostgreSQL out of reach or a graceful stop (503: the throttler
 * and the shutdown hook run before any route), the per-IP rate (429, except on routes it skips),
 * and what Fastify and the validation pipe refuse before a handler runs: a malformed, too deep
 * or badly typed body or parameter (400), a path parameter too long (414), a body too large
 * (413) or not JSON (415).
 */
function globalErrors(method: string, operation: OperationObject): Map<number, ErrorResponse> {
  const errors = new Map<number, ErrorResponse>([
    [500, one('InternalError')],
    [503, one('ServiceUnavailable')],
  ]);
  if ((operation as unknown as Record<string, unknown>)[UNTHROTTLED_EXTENSION] !== true)
    errors.set(429, one('TooManyRequests', true));
  if (METHODS_WITH_BODY.has(method)) {
    errors.set(400, one('InValidParam'));
    errors.set(413, one('PayloadTooLarge'));
    errors.set(415, one('UnsupportedMediaType'));
  }
  const parameters = operation.parameters ?? [];
  if (parameters.length > 0) errors.set(400, one('InValidParam'));
  // Fastify refuses a path parameter over its maxParamLength (100) before routing it.
  if (parameters.some((parameter) => 'in' in parameter && parameter.in === 'path'))
    errors.set(414, one('UriTooLong'));
  return errors;
}

/**
 * Completes the document's error responses: the shared error body as a component, and the
 * errors of globalErrors merged into each operation's own (declared with @ApiErrors). A status
 * whose response a route describes with a schema of its own (readiness's 503 report) answers
 * either body.
 */
export function documentErrorResponses(document: OpenAPIObject): OpenAPIObject {
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, [ERROR_BODY_SCHEMA_NAME]: ERROR_BODY_SCHEMA },
  };
  for (const pathItem of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = pathItem[method];
      if (operation) addGlobalErrors(operation, globalErrors(method, operation));
    }
  }
  return document;
}

function addGlobalErrors(operation: OperationObject, errors: Map<number, ErrorResponse>): void {
  for (const [status, added] of errors) {
    const response = operation.responses[status] as ResponseObject | undefined;
    const schema = response?.content?.['application/json']?.schema;
    const own = readErrorResponse(schema);
    if (schema !== undefined && own === undefined) {
      const either: SchemaObject = { oneOf: [schema, errorResponseSchema(status, added)] };
      operation.responses[status] = {
        ...response,
        description: `${response?.description ?? ''}; or ${describeCodes(added)}`,
        content: { 'application/json': { schema: either } },
      };
      continue;
    }
    const merged = mergeErrorResponses(own, added);
    operation.responses[status] = {
      description: describeCodes(merged),
      content: { 'application/json': { schema: errorResponseSchema(status, merged) } },
    };
  }
}
