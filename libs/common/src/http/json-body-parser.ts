import type { FastifyInstance } from 'fastify';
import { InvalidParamError } from '../errors/common.errors';
import { jsonNestingDepth } from './json-depth';

/** No request of this service nests deeper than a few levels; 32 leaves room for any client. */
export const MAX_JSON_DEPTH = 32;

/**
 * Fastify's own JSON parser (prototype-poisoning checks included), behind a depth check: a
 * 4 KB body of 2,000 nested arrays parses, then overflows the recursion of the validation that
 * follows (a 500 and 10-100 ms of CPU each). Refused here in one linear pass instead.
 */
export function useDepthCheckedJsonParser(fastify: FastifyInstance): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (jsonNestingDepth(text) > MAX_JSON_DEPTH) {
      done(
        new InvalidParamError(`The JSON body nests deeper than ${MAX_JSON_DEPTH} levels`),
        undefined,
      );
      return;
    }
    void parseJson(request, text, done);
  });
}
