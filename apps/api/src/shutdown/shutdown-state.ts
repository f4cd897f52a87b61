import { Injectable } from '@nestjs/common';

/**
 * Where the process is in a graceful stop. `draining`: readiness fails so that load balancers
 * stop routing here, requests are still served. `closing`: the server no longer accepts
 * connections and finishes the requests in flight; a request that still arrives on an open
 * connection is refused in the error model (503 ServiceUnavailable).
 */
export type ShutdownPhase = 'running' | 'draining' | 'closing';

@Injectable()
export class ShutdownState {
  private current: ShutdownPhase = 'running';

  get phase(): ShutdownPhase {
    return this.current;
  }

  get stopping(): boolean {
    return this.current !== 'running';
  }

  enter(phase: Exclude<ShutdownPhase, 'running'>): void {
    this.current = phase;
  }
}
