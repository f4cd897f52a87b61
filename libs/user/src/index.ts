export { AccountLookupService, publicIdOf } from './accounts/account-lookup.service';
export type { AuthResult } from './accounts/auth-result';
export type { CodeLogInPolicy, CodeLogInPurpose } from './accounts/code-log-in-policy';
export { LogInService } from './accounts/log-in.service';
export type { NewAccountFields } from './accounts/new-account-fields';
export { PasswordService } from './accounts/password.service';
export type { PhoneChangeProof } from './accounts/phone-change-proof';
export { NO_PHONE_CHANGE_PROOF, ProfileService } from './accounts/profile.service';
export { SignUpService } from './accounts/sign-up.service';
export type { LegacyAccount, LegacyImportOutcome } from './legacy/legacy-account';
export { LegacyImportModule } from './legacy/legacy-import.module';
export { LegacyImportService } from './legacy/legacy-import.service';
export {
  isLeanCloudPasswordHash,
  leanCloudPasswordHash,
  verifyLeanCloudPassword,
} from './passwords/leancloud-password-hash';
export { PASSWORD_MAX_LENGTH, PasswordHasher } from './passwords/password-hasher';
export { ActorSessions } from './sessions/actor-sessions';
export { CurrentSession, SessionRequired } from './sessions/session.decorators';
export { SessionGuard } from './sessions/session.guard';
export { AuthenticatedSession, SessionOrigin, SessionService } from './sessions/session.service';
export * from './user.errors';
export { UserModule } from './user.module';
export { USERNAME_PATTERN, usernameKey } from './users/username';
export { UserWorkerModule } from './user-worker.module';
