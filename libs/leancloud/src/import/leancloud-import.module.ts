import { Module } from '@nestjs/common';
import { PhoneModule } from '@app/phone';
import { UserModule } from '@app/user';
import { LeanCloudImportService } from './leancloud-import.service';

/** The `_User` import, for the command line; it needs no HTTP server. */
@Module({
  imports: [PhoneModule, UserModule],
  providers: [LeanCloudImportService],
  exports: [LeanCloudImportService],
})
export class LeanCloudImportModule {}
