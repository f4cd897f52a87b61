import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { errorCodes, FastifyInstance, FastifyRequest } from 'fastify';
import { LeanCloudError } from '../errors/leancloud-error';
import { underLeanCloudPrefix } from '../leancloud-settings';
import { readLegacyTextBody } from './legacy-text-body';

const PLAIN_TEXT = 'text/plain';

/**
 * Reads `text/plain` bodies on `/1.1` as LeanCloud's cross-domain form (see
 * `readLegacyTextBody`): JSON, parsed as safely as `application/json` bodies and under the
 * same BODY_LIMIT_BYTES, its `_ApplicationId` / `_ApplicationKey` / `_MasterKey` /
 * `_SessionToken` set as the X-LC-* headers before the App Key check runs. Everywhere else
 * text stays refused with 415, so a cross-site HTML form still cannot post to `/v1`.
 */
@Injectable()
export class LeanCloudTextBodyParser implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const parseJson = fastify.getDefaultJsonParser('error', 'error');
    if (fastify.hasContentTypeParser(PLAIN_TEXT)) fastify.removeContentTypeParser(PLAIN_TEXT);
    fastify.addContentTypeParser(
      PLAIN_TEXT,
      { parseAs: 'string' },
      (request: FastifyRequest, text: string, done) => {
        if (!underLeanCloudPrefix(request.url)) {
          done(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE(PLAIN_TEXT), undefined);
          return;
        }
        void parseJson(request, text, (error, parsed) => {
          if (error) {
            done(new LeanCloudError(107), undefined);
            return;
          }
          try {
            const { credentials, body } = readLegacyTextBody(parsed);
            Object.assign(request.raw.headers, credentials);
            done(null, body);
          } catch (refused) {
            done(refused as Error, undefined);
          }
        });
      },
    );
  }
}
