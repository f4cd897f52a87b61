import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LeanCloudSettings, underLeanCloudPrefix } from '../leancloud-settings';

/** What browser builds of the SDK send (leancloud.md §1: X-LC-UA replaces User-Agent). */
const ALLOWED_HEADERS = [
  'Content-Type',
  'X-LC-Id',
  'X-LC-Key',
  'X-LC-Sign',
  'X-LC-Session',
  'X-LC-Prod',
  'X-LC-UA',
  'X-LC-Hook-Key',
].join(', ');
const ALLOWED_METHODS = 'GET, POST, PUT, DELETE, OPTIONS';
const PREFLIGHT_MAX_AGE_SECONDS = '86400';

/**
 * CORS for `/1.1` only, so web apps using the browser SDK keep working. With
 * LEANCLOUD_WEB_ORIGINS set (LeanCloud's "Web security domains") only those origins are
 * allowed; the credentials are headers, never cookies, so no Allow-Credentials.
 */
@Injectable()
export class LeanCloudCors implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly settings: LeanCloudSettings,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onRequest', (request, reply, done) => {
      if (!underLeanCloudPrefix(request.url)) return done();
      this.allowOrigin(request, reply);
      if (request.method === 'OPTIONS' && request.headers['access-control-request-method']) {
        void reply
          .header('Access-Control-Allow-Methods', ALLOWED_METHODS)
          .header('Access-Control-Allow-Headers', ALLOWED_HEADERS)
          .header('Access-Control-Max-Age', PREFLIGHT_MAX_AGE_SECONDS)
          .code(204)
          .send();
        return;
      }
      done();
    });
  }

  private allowOrigin(request: FastifyRequest, reply: FastifyReply): void {
    const origin = request.headers.origin;
    if (origin === undefined) return;
    const allowed = this.settings.webOrigins;
    if (allowed.length === 0) {
      void reply.header('Access-Control-Allow-Origin', '*');
      return;
    }
    void reply.header('Vary', 'Origin');
    if (allowed.includes(origin)) void reply.header('Access-Control-Allow-Origin', origin);
  }
}
