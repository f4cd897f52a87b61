import { Module } from '@nestjs/common';
import { PhoneModule } from '@app/phone';
import { LegacyImportModule } from '@app/user';
import { LeanCloudImportService } from './leancloud-import.service';

/** The `_User` import, for the command line: no HTTP server, no Redis. */
@Module({
  imports: [PhoneModule, LegacyImportModule],
  providers: [LeanCloudImportService],
  exports: [LeanCloudImportService],
})
export class LeanCloudImportModule {}
