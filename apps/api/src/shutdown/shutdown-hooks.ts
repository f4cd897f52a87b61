import type { FastifyInstance } from 'fastify';
import { ServiceUnavailableError } from '@app/common';
import { ShutdownState } from './shutdown-state';

/**
 * What a graceful stop changes in the answers, in one hook that does nothing while running.
 * While stopping, every answer carries `Connection: close`, so clients leave this instance's
 * keep-alive connections before the server closes them. Once the server is closing, a request
 * still arriving on an open connection is refused in the error model (of `/1.1` too: it goes
 * through the exception filters), in place of Fastify's own 503 body (`return503OnClosing`,
 * turned off).
 */
export function installShutdownHooks(fastify: FastifyInstance, state: ShutdownState): void {
  fastify.addHook('onRequest', (_request, reply, done) => {
    if (!state.stopping) {
      done();
      return;
    }
    void reply.header('Connection', 'close');
    done(state.phase === 'closing' ? new ServiceUnavailableError('Shutting down') : undefined);
  });
}
