import { Module } from '@nestjs/common';
import { MaintenanceWorkerModule } from '@app/queue';
import { TransactionScope } from './persistence/transaction-scope';
import { ExpiredSessionPurge } from './sessions/expired-session-purge';
import { SessionsRepository } from './sessions/sessions.repository';

/** The account library's jobs: the purge of expired sessions. */
@Module({
  imports: [MaintenanceWorkerModule],
  providers: [TransactionScope, SessionsRepository, ExpiredSessionPurge],
})
export class UserWorkerModule {}
