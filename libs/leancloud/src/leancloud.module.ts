import { Module } from '@nestjs/common';
import { CaptchaModule } from '@app/captcha';
import { CodesModule } from '@app/codes';
import { PhoneModule } from '@app/phone';
import { UserModule } from '@app/user';
import { LeanCloudAuthGuard } from './auth/leancloud-auth.guard';
import { LeanCloudSessionGuard } from './auth/leancloud-session';
import { CaptchaImageStore } from './captcha/captcha-image.store';
import { LeanCloudCaptchaImageController } from './captcha/leancloud-captcha-image.controller';
import { LeanCloudCaptchaController } from './captcha/leancloud-captcha.controller';
import { LeanCloudCaptchaService } from './captcha/leancloud-captcha.service';
import { LeanCloudDateController } from './date/leancloud-date.controller';
import { LeanCloudExceptionFilter } from './errors/leancloud-exception.filter';
import { LeanCloudCors } from './http/leancloud-cors';
import { LeanCloudTextBodyParser } from './http/leancloud-text-body.parser';
import { LeanCloudSettings } from './leancloud-settings';
import { LeanCloudSmsController } from './sms/leancloud-sms.controller';
import { LeanCloudAccountsService } from './users/leancloud-accounts.service';
import { LeanCloudLogInController } from './users/leancloud-log-in.controller';
import { LeanCloudPhoneController } from './users/leancloud-phone.controller';
import { LeanCloudPhoneService } from './users/leancloud-phone.service';
import { LeanCloudUserObjectsController } from './users/leancloud-user-objects.controller';
import { LeanCloudUserObjectsService } from './users/leancloud-user-objects.service';
import { LeanCloudUsersController } from './users/leancloud-users.controller';
import { PendingResetsStore } from './users/pending-resets.store';
import { SignUpPhoneVerification } from './users/sign-up-phone-verification';

/**
 * The LeanCloud-compatible API under `/1.1`: LeanCloud's wire format mapped onto the same
 * domain services as `/v1`. Imported only when LEANCLOUD_APP_ID is set.
 */
@Module({
  imports: [CodesModule, CaptchaModule, PhoneModule, UserModule],
  controllers: [
    LeanCloudSmsController,
    LeanCloudCaptchaController,
    LeanCloudCaptchaImageController,
    LeanCloudUsersController,
    LeanCloudLogInController,
    LeanCloudPhoneController,
    LeanCloudDateController,
    LeanCloudUserObjectsController,
  ],
  providers: [
    LeanCloudSettings,
    LeanCloudAuthGuard,
    LeanCloudExceptionFilter,
    LeanCloudCors,
    LeanCloudTextBodyParser,
    CaptchaImageStore,
    LeanCloudCaptchaService,
    LeanCloudSessionGuard,
    LeanCloudAccountsService,
    LeanCloudPhoneService,
    PendingResetsStore,
    SignUpPhoneVerification,
    LeanCloudUserObjectsService,
  ],
})
export class LeanCloudModule {}
