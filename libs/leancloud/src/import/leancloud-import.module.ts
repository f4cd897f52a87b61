import { Module } from '@nestjs/common';
import { SmsModule } from '@app/sms';
import { UserModule } from '@app/user';
import { LeanCloudImportService } from './leancloud-import.service';

/** The `_User` import, for the command line; it needs no HTTP server. */
@Module({
  imports: [SmsModule, UserModule],
  providers: [LeanCloudImportService],
  exports: [LeanCloudImportService],
})
export class LeanCloudImportModule {}
