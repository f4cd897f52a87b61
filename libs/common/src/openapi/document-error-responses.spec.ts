import type { OpenAPIObject } from '@nestjs/swagger';
import { documentErrorResponses, UNTHROTTLED_EXTENSION } from './document-error-responses';
import { errorResponseSchema, readErrorResponse } from './error-response.schema';

const json = (schema: object) => ({ description: '', content: { 'application/json': { schema } } });

function documentWith(paths: OpenAPIObject['paths']): OpenAPIObject {
  return { openapi: '3.0.0', info: { title: 't', version: '1' }, paths };
}

describe('documentErrorResponses', () => {
  const document = documentErrorResponses(
    documentWith({
      '/v1/things/{id}': {
        post: {
          parameters: [{ name: 'id', in: 'path', required: true }],
          responses: {
            '200': { description: 'ok' },
            '429': json(errorResponseSchema(429, { codes: ['TooFrequent'], retryAfter: true })),
          },
        },
      },
      '/health': {
        get: {
          [UNTHROTTLED_EXTENSION]: true,
          responses: {
            '503': json({ type: 'object', properties: { status: { type: 'string' } } }),
          },
        } as never,
      },
    }),
  );
  const codesAt = (path: string, method: 'get' | 'post', status: string) =>
    readErrorResponse(
      (
        document.paths[path][method]?.responses[status] as {
          content: Record<string, { schema: unknown }>;
        }
      ).content['application/json'].schema,
    );

  it('adds what every route answers, and what bodies and path parameters answer', () => {
    const statuses = Object.keys(document.paths['/v1/things/{id}'].post?.responses ?? {}).sort();
    expect(statuses).toEqual(['200', '400', '413', '414', '415', '429', '500', '503']);
    expect(codesAt('/v1/things/{id}', 'post', '414')?.codes).toEqual(['UriTooLong']);
    expect(document.components?.schemas?.ErrorBody).toBeDefined();
  });

  it("merges the throttler's 429 into the route's own", () => {
    expect(codesAt('/v1/things/{id}', 'post', '429')).toEqual({
      codes: ['TooFrequent', 'TooManyRequests'],
      retryAfter: true,
    });
  });

  it('skips 429 on unthrottled routes and keeps a hand-written schema as one of two bodies', () => {
    const health = document.paths['/health'].get?.responses ?? {};
    expect(Object.keys(health).sort()).toEqual(['500', '503']);
    const schema = (health['503'] as { content: Record<string, { schema: { oneOf: unknown[] } }> })
      .content['application/json'].schema;
    expect(schema.oneOf).toHaveLength(2);
    expect(readErrorResponse(schema.oneOf[1])?.codes).toEqual(['ServiceUnavailable']);
  });
});
