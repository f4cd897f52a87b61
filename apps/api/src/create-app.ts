import fastifyCookie from '@fastify/cookie';
import { NestFactory } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { FastifyError, FastifyReply, FastifyRequest, LogController } from 'fastify';
import pino from 'pino';
import {
  AppExceptionFilter,
  createValidationPipe,
  documentErrorResponses,
  JsonLogger,
  owedClientHitOf,
  stdoutLogDestination,
  TooManyRequestsError,
  useDepthCheckedJsonParser,
  useMultipartUploads,
} from '@app/common';
import { Environment } from '@app/config';
import { LEANCLOUD_PREFIX, LeanCloudExceptionFilter } from '@app/leancloud';
import { Metrics, routeLabel } from '@app/metrics';
import { PrismaService } from '@app/prisma';
import { RedisService } from '@app/redis';
import { AppModule } from './app.module';
import { installShutdownHooks } from './shutdown/shutdown-hooks';
import { ShutdownState } from './shutdown/shutdown-state';

/**
 * Builds the HTTP application exactly as production runs it; the e2e suites use
 * this too, so what they test is what ships.
 */
export interface CreateAppOptions {
  /** Where the JSON log lines go; standard output by default. */
  logDestination?: pino.DestinationStream;
}

export async function createApp(
  environment: Environment,
  options: CreateAppOptions = {},
): Promise<NestFastifyApplication> {
  const logger = pino(
    { level: environment.LOG_LEVEL, base: { service: 'smsauth' } },
    options.logDestination ?? stdoutLogDestination(),
  );
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: environment.TRUST_PROXY,
    bodyLimit: environment.BODY_LIMIT_BYTES,
    // Requests arriving while the server closes are refused by installShutdownHooks, in the
    // error model; Fastify's own 503 body has no `code`.
    return503OnClosing: false,
    // What Fastify refuses while routing (a path parameter over maxParamLength: 414, a malformed
    // percent-encoding: 400) reaches no error handler of Nest's: it goes to the same filter, so
    // it is answered in the error model (of `/1.1` too) instead of Fastify's own body.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      errorFilter().catch(error, new ExecutionContextHost([request, reply]));
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.register(environment),
    adapter,
    // Fastify's own JSON parser only: no form or text bodies, so a cross-site
    // HTML form cannot make a visitor's browser send codes (no CORS preflight).
    { logger: new JsonLogger(logger), bodyParser: false },
  );
  // Writes the console's session cookie (libs/admin); nothing is signed by it. No parsing hook:
  // only the admin routes read a cookie (adminSessionTokenOf), the others skip the work.
  await app.register(fastifyCookie, { hook: false });
  configureApp(app);
  await app.get(RedisService).waitUntilReady();
  // The first query loads Prisma's query compiler and opens a connection: done here, not in
  // the first request or readiness probe, whose deadline it could exceed on a loaded machine.
  // A database down at start-up does not stop the start (readiness reports it).
  await app.get(PrismaService).isReachable();
  return app;
}

function errorFilter(): AppExceptionFilter {
  return new AppExceptionFilter([
    { prefix: LEANCLOUD_PREFIX, filter: new LeanCloudExceptionFilter() },
  ]);
}

export function configureApp(app: NestFastifyApplication): void {
  app.useGlobalPipes(createValidationPipe());
  // Also receives what Fastify raises before a route runs (malformed JSON, body
  // too large, unsupported media type): Nest installs its exception layer as
  // Fastify's error handler.
  // `/1.1` (the LeanCloud-compatible API) answers errors in LeanCloud's format; its
  // controllers use that filter themselves, this covers what fails before a route runs.
  app.useGlobalFilters(errorFilter());
  // Signals are handled by main.ts (stopGracefullyOnSignals), not by Nest's shutdown hooks,
  // which would close at once; in-process test apps are closed by their tests.

  const fastify = app.getHttpAdapter().getInstance();
  fastify.removeContentTypeParser('text/plain');
  useDepthCheckedJsonParser(fastify);
  useMultipartUploads(fastify);
  installShutdownHooks(fastify, app.get(ShutdownState));
  // `/console/`, as people type it, goes to the console's page (Nest folds the two paths into
  // one route, which Fastify matches without the slash only).
  fastify.get('/console/', (_request, reply) => reply.redirect('/console', 308));
  const metrics = app.get(Metrics);
  // One line and one count per request, naming the route pattern rather than the URL, which
  // may hold codes and ids.
  fastify.addHook('onResponse', (request, reply, done) => {
    // A @ThrottledInScript route that answered without its script counting the per-IP hit
    // (none does so by design) still spends the client's budget.
    owedClientHitOf(request)
      ?.countApart()
      .catch((error: unknown) => {
        // Past the limit: counted, the answer already gone. Anything else: Redis failed.
        if (!(error instanceof TooManyRequestsError)) {
          request.log.warn({ err: error }, 'per-IP hit not counted');
        }
      });
    const route = routeLabel(request.routeOptions.url);
    request.log.info(
      {
        method: request.method,
        route,
        statusCode: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
    metrics.httpRequest(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
    done();
  });

  SwaggerModule.setup('docs', app, buildOpenApiDocument(app));
}

/**
 * The OpenAPI document served at /docs-json; also what the console's typed client is generated
 * from (scripts/console-api-schema.ts), which builds it from an app created in preview mode.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('SMS Auth')
      .setDescription('SMS verification codes and phone-number accounts')
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer' }, 'admin')
      .addBearerAuth(
        { type: 'http', scheme: 'bearer', description: 'The sessionToken of sign-up or log-in' },
        'session',
      )
      .addBearerAuth(
        { type: 'http', scheme: 'bearer', description: 'METRICS_TOKEN (Prometheus scrapers)' },
        'metrics',
      )
      .build(),
  );
  return documentErrorResponses(document);
}
