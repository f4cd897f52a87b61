import { Module } from '@nestjs/common';
import { PersistenceModule } from '../persistence/persistence.module';
import { LegacyAccountsRepository } from './legacy-accounts.repository';
import { LegacyImportService } from './legacy-import.service';

/**
 * Writing imported accounts: all the import command needs of libs/user (PostgreSQL only: no
 * Redis, no codes, no sessions).
 */
@Module({
  imports: [PersistenceModule],
  providers: [LegacyAccountsRepository, LegacyImportService],
  exports: [LegacyAccountsRepository, LegacyImportService],
})
export class LegacyImportModule {}
