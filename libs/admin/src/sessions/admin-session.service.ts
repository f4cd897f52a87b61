import { Injectable } from '@nestjs/common';
import { AdminPrincipal } from '@app/common';
import { AdminAccountsRepository } from '../accounts/admin-accounts.repository';
import { AdminSessionInvalidError } from '../admin.errors';
import { AdminSessionDto } from '../dto/admin-session.dto';
import { toAdminDto } from '../dto/admin-account.dto';
import { AdminSessionStore } from './admin-session.store';

/** The signed-in admin's own session: who it is, and signing out. */
@Injectable()
export class AdminSessionService {
  constructor(
    private readonly accounts: AdminAccountsRepository,
    private readonly store: AdminSessionStore,
  ) {}

  async current(principal: AdminPrincipal): Promise<AdminSessionDto> {
    const session = sessionOf(principal);
    const account = await this.accounts.getById(session.adminId);
    return { admin: toAdminDto(account), csrfToken: session.csrfToken };
  }

  async signOut(principal: AdminPrincipal): Promise<void> {
    await this.store.end(sessionOf(principal).sessionId);
  }
}

/** Narrows to a session; AdminSessionOnly routes never get the key. */
export function sessionOf(principal: AdminPrincipal): Extract<AdminPrincipal, { kind: 'session' }> {
  if (principal.kind !== 'session') throw new AdminSessionInvalidError();
  return principal;
}
