import { Injectable } from '@nestjs/common';
import { deleteInBatches } from '@app/prisma';
import { PeriodicJob, PeriodicJobHandler, PeriodicJobSummary } from '@app/queue';
import { SessionsRepository } from './sessions.repository';

/**
 * Deletes the sessions past their sliding expiry. They are already refused (the session guard
 * checks `expires_at`); only an account's own log-in deleted them until now, so the sessions of
 * accounts that never come back stayed.
 */
@Injectable()
@PeriodicJob('purge-expired-sessions')
export class ExpiredSessionPurge implements PeriodicJobHandler {
  constructor(private readonly sessions: SessionsRepository) {}

  async run(): Promise<PeriodicJobSummary> {
    const now = new Date();
    const deleted = await deleteInBatches((limit) => this.sessions.deleteExpiredBatch(now, limit));
    return { deleted };
  }
}
