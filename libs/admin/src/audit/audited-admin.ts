import { AuditedObject, AuditedObjectById } from '@app/common';
import type { AdminAccount } from '@app/prisma';
import { AdminAccountsRepository } from '../accounts/admin-accounts.repository';
import { toAdminAccountDto } from '../dto/admin-account.dto';
import { AdminSessionStore } from '../sessions/admin-session.store';

/**
 * An admin account as the audit shows it: the owners' list's fields and those a change without
 * a field of its own leaves a trace in (a password reset: `sessionsRevokedAt`; an enrolment:
 * `totpPending`). Never a hash or a secret.
 */
export function auditedAdmin(account: AdminAccount): object {
  return {
    ...toAdminAccountDto(account),
    totpPending: account.totpPendingSecret !== null,
    sessionsRevokedAt: account.sessionsRevokedAt,
    updatedAt: account.updatedAt,
  };
}

/** The admin account the route's `:id` names. */
export const AuditedAdminById = (): MethodDecorator & ClassDecorator =>
  AuditedObjectById(AdminAccountsRepository, async (accounts, id) =>
    auditedAdmin(await accounts.getById(id)),
  );

/** The signed-in admin's own account (its second factor's routes). */
export const AuditedOwnAccount = (): MethodDecorator & ClassDecorator =>
  AuditedObject(AdminAccountsRepository, async (accounts, { admin }) =>
    admin.kind === 'session' ? auditedAdmin(await accounts.getById(admin.adminId)) : null,
  );

/** The signed-in admin's console session (signing out ends it). */
export const AuditedOwnSession = (): MethodDecorator & ClassDecorator =>
  AuditedObject(AdminSessionStore, async (sessions, { admin }) => {
    if (admin.kind !== 'session') return null;
    const session = await sessions.find(admin.sessionId);
    return session === undefined
      ? null
      : { adminId: session.adminId, openedAt: new Date(session.createdAt) };
  });
