import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/** The component every documented error response refers to (see AppExceptionFilter). */
export const ERROR_BODY_SCHEMA_NAME = 'ErrorBody';
const ERROR_BODY_REF = `#/components/schemas/${ERROR_BODY_SCHEMA_NAME}`;

export const ERROR_BODY_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['statusCode', 'code', 'message'],
  properties: {
    statusCode: { type: 'integer', example: 400 },
    code: { type: 'string', example: 'InValidParam', description: 'Stable; script against it' },
    message: { type: 'string', description: 'For humans; may change' },
    retryAfter: {
      type: 'integer',
      minimum: 0,
      description: 'Seconds to wait before retrying (also the `Retry-After` header); on 429s',
    },
    errors: {
      type: 'array',
      description: 'One entry per bad field, on validation errors',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: { field: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
  // Some codes carry details of their own (e.g. `missing` on TemplateVariableMissing).
  additionalProperties: true,
};

/** What one status of a route may answer: its stable codes, and whether `retryAfter` is sure. */
export interface ErrorResponse {
  codes: string[];
  retryAfter: boolean;
}

/**
 * The schema of one error status of one route: the error body with `statusCode` fixed and
 * `code` limited to the codes this route answers with it, so that a generated client and a
 * schema-based checker know them.
 */
export function errorResponseSchema(status: number, response: ErrorResponse): SchemaObject {
  return {
    allOf: [
      { $ref: ERROR_BODY_REF },
      {
        type: 'object',
        ...(response.retryAfter ? { required: ['retryAfter'] } : {}),
        properties: {
          statusCode: { type: 'integer', enum: [status] },
          code: { type: 'string', enum: [...response.codes].sort() },
        },
      },
    ],
  };
}

/** The codes of a schema built by errorResponseSchema; undefined for any other schema. */
export function readErrorResponse(schema: unknown): ErrorResponse | undefined {
  const parts = (schema as SchemaObject | undefined)?.allOf;
  if (!parts || (parts[0] as { $ref?: string } | undefined)?.$ref !== ERROR_BODY_REF)
    return undefined;
  const restriction = parts[1] as SchemaObject;
  const codes = (restriction.properties?.code as SchemaObject | undefined)?.enum;
  return {
    codes: (codes ?? []) as string[],
    retryAfter: restriction.required?.includes('retryAfter') ?? false,
  };
}

/** Adds codes to a status; `retryAfter` stays sure only if every code carries it. */
export function mergeErrorResponses(
  existing: ErrorResponse | undefined,
  added: ErrorResponse,
): ErrorResponse {
  if (!existing) return { codes: [...new Set(added.codes)], retryAfter: added.retryAfter };
  return {
    codes: [...new Set([...existing.codes, ...added.codes])],
    retryAfter: existing.retryAfter && added.retryAfter,
  };
}
