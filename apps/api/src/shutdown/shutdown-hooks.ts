import type { FastifyInstance } from 'fastify';
import { ServiceUnavailableError } from '@app/common';
import { ShutdownState } from './shutdown-state';

/**
 * What a graceful stop changes in the answers. While stopping, every answer carries
 * `Connection: close`, so clients leave this instance's keep-alive connections before the
 * server closes them. Once the server is closing, a request still arriving on an open
 * connection is refused in the error model (of `/1.1` too: it goes through the exception
 * filters), in place of Fastify's own 503 body (`return503OnClosing`, turned off).
 */
export function installShutdownHooks(fastify: FastifyInstance, state: ShutdownState): void {
  fastify.addHook('onRequest', (_request, reply, done) => {
    if (state.phase === 'closing') {
      void reply.header('Connection', 'close');
      done(new ServiceUnavailableError('Shutting down'));
      return;
    }
    done();
  });
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (state.stopping) void reply.header('Connection', 'close');
    done(null, payload);
  });
}
