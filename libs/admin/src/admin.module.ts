import { Global, Module } from '@nestjs/common';
import { AdminAudit, AdminSessionResolver } from '@app/common';
import { MetricsModule } from '@app/metrics';
import { PasswordHasher } from '@app/user';
import { AdminAccountsRepository } from './accounts/admin-accounts.repository';
import { AdminAccountsService } from './accounts/admin-accounts.service';
import { AdminAuditTrail } from './audit/admin-audit-trail';
import { AdminAuditRepository } from './audit/admin-audit.repository';
import { AuditedObjects } from './audit/audited-objects';
import { AdminAuditController } from './http/admin-audit.controller';
import { AdminSettingsController } from './http/admin-settings.controller';
import { AdminAccountsController } from './http/admin-accounts.controller';
import { AdminTotpController } from './http/admin-totp.controller';
import { AdminTotpService } from './totp/admin-totp.service';
import { AdminSessionController } from './http/admin-session.controller';
import { AdminSetupController } from './http/admin-setup.controller';
import { AdminCookieSessionResolver } from './sessions/admin-session.resolver';
import { AdminSessionService } from './sessions/admin-session.service';
import { AdminSessionStore } from './sessions/admin-session.store';
import { AdminSignInLimiter } from './sessions/admin-sign-in-limiter';
import { AdminSignInService } from './sessions/admin-sign-in.service';
import { AdminSetupService } from './setup/admin-setup.service';
import { PlaintextTotpSealer } from './totp/plaintext-totp-sealer';
import { TotpCheck } from './totp/totp-check';
import { TotpSecrets } from './totp/totp-secrets';

/**
 * Named admins of the console: accounts and roles, console sessions, the first owner's setup.
 * Global so that the AdminGuard and the audit of every module's admin routes find the session
 * resolver and the audit trail.
 */
@Global()
@Module({
  imports: [MetricsModule],
  controllers: [
    AdminSetupController,
    AdminSessionController,
    AdminTotpController,
    AdminAccountsController,
    AdminAuditController,
    AdminSettingsController,
  ],
  providers: [
    AdminAccountsRepository,
    PasswordHasher,
    AdminSignInLimiter,
    TotpSecrets,
    PlaintextTotpSealer,
    TotpCheck,
    AdminSessionStore,
    AdminSignInService,
    AdminSessionService,
    AdminSetupService,
    AdminAccountsService,
    AdminTotpService,
    AdminAuditRepository,
    AuditedObjects,
    AdminAuditTrail,
    { provide: AdminAudit, useExisting: AdminAuditTrail },
    AdminCookieSessionResolver,
    { provide: AdminSessionResolver, useExisting: AdminCookieSessionResolver },
  ],
  exports: [AdminSessionResolver, AdminAudit, AdminSetupService],
})
export class AdminModule {}
