import { Module } from '@nestjs/common';
import { SmsModule } from '@app/sms';
import { LeanCloudAuthGuard } from './auth/leancloud-auth.guard';
import { LeanCloudExceptionFilter } from './errors/leancloud-exception.filter';
import { LeanCloudCors } from './http/leancloud-cors';
import { LeanCloudSettings } from './leancloud-settings';
import { LeanCloudSmsController } from './sms/leancloud-sms.controller';

/**
 * The LeanCloud-compatible API under `/1.1`: LeanCloud's wire format mapped onto the same
 * domain services as `/v1`. Imported only when LEANCLOUD_APP_ID is set.
 */
@Module({
  imports: [SmsModule],
  controllers: [LeanCloudSmsController],
  providers: [LeanCloudSettings, LeanCloudAuthGuard, LeanCloudExceptionFilter, LeanCloudCors],
})
export class LeanCloudModule {}
