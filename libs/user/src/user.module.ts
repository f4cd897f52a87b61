import { Module } from '@nestjs/common';
import { CodesModule } from '@app/codes';
import { EventsModule } from '@app/events';
import { MetricsModule } from '@app/metrics';
import { PhoneModule } from '@app/phone';
import { AccountLookupService } from './accounts/account-lookup.service';
import { AccountRules } from './accounts/account-rules';
import { LogInService } from './accounts/log-in.service';
import { PhoneChangeProofCheck } from './accounts/phone-change-proof';
import { PasswordService } from './accounts/password.service';
import { ProfileService } from './accounts/profile.service';
import { SignUpService } from './accounts/sign-up.service';
import { UserAdminService } from './admin/user-admin.service';
import { UserSessionsAdminService } from './admin/user-sessions-admin.service';
import { AccountCodeChecks } from './checks/account-code-checks';
import { DemoController } from './demo/demo.controller';
import { AccountEvents } from './events/account-events';
import { LegacyImportModule } from './legacy/legacy-import.module';
import { MeController } from './me.controller';
import { AccountPassword } from './passwords/account-password';
import { PasswordAttemptLimiter } from './passwords/password-attempt-limiter';
import { PasswordHasher } from './passwords/password-hasher';
import { PasswordPolicy } from './passwords/password-policy';
import { PasswordResetsController } from './password-resets.controller';
import { PersistenceModule } from './persistence/persistence.module';
import { ActorSessions } from './sessions/actor-sessions';
import { SessionGuard } from './sessions/session.guard';
import { SessionService } from './sessions/session.service';
import { SessionsRepository } from './sessions/sessions.repository';
import { SessionsController } from './sessions.controller';
import { UserAdminController } from './user-admin.controller';
import { UserSessionsAdminController } from './user-sessions-admin.controller';
import { UsersController } from './users.controller';
import { UsersRepository } from './users/users.repository';

/**
 * Phone-number accounts over the SMS module's public service: sign-up, log-in by
 * password or code, sessions, password change and reset, and the demo page.
 */
@Module({
  imports: [
    CodesModule,
    PhoneModule,
    PersistenceModule,
    LegacyImportModule,
    MetricsModule,
    EventsModule,
  ],
  controllers: [
    UsersController,
    MeController,
    SessionsController,
    PasswordResetsController,
    UserAdminController,
    UserSessionsAdminController,
    DemoController,
  ],
  providers: [
    UsersRepository,
    SessionsRepository,
    SessionService,
    ActorSessions,
    SessionGuard,
    PasswordHasher,
    PasswordPolicy,
    AccountPassword,
    PasswordAttemptLimiter,
    AccountRules,
    AccountCodeChecks,
    SignUpService,
    LogInService,
    ProfileService,
    PhoneChangeProofCheck,
    PasswordService,
    UserAdminService,
    UserSessionsAdminService,
    AccountLookupService,
    AccountEvents,
  ],
  exports: [
    SessionService,
    ActorSessions,
    SessionGuard,
    SignUpService,
    LogInService,
    PasswordService,
    ProfileService,
    AccountLookupService,
  ],
})
export class UserModule {}
