import { Injectable } from '@nestjs/common';
import { AdminAccount } from '@app/prisma';
import { PasswordHasher } from '@app/user';
import { AdminAccountsRepository } from '../accounts/admin-accounts.repository';
import {
  AdminInvalidCredentialsError,
  AdminTotpInvalidError,
  AdminTotpRequiredError,
} from '../admin.errors';
import { TotpCheck } from '../totp/totp-check';
import { AdminSessionStore, OpenedAdminSession } from './admin-session.store';
import { AdminSignInLimiter } from './admin-sign-in-limiter';

export interface SignInCredentials {
  username: string;
  password: string;
  totp?: string;
}

export interface SignedIn {
  account: AdminAccount;
  opened: OpenedAdminSession;
}

/** Username, password and (when enrolled) a TOTP code in; a console session out. */
@Injectable()
export class AdminSignInService {
  constructor(
    private readonly accounts: AdminAccountsRepository,
    private readonly hasher: PasswordHasher,
    private readonly limiter: AdminSignInLimiter,
    private readonly totp: TotpCheck,
    private readonly sessions: AdminSessionStore,
  ) {}

  async signIn(credentials: SignInCredentials, now = Date.now()): Promise<SignedIn> {
    await this.limiter.take(credentials.username);
    const account = await this.accounts.findByUsername(credentials.username);
    // An unknown username still costs one hash verification, so timing does not tell it apart.
    const passwordRight = await this.hasher.verify(account?.passwordHash, credentials.password);
    if (account === null || !passwordRight || account.disabled) {
      throw new AdminInvalidCredentialsError();
    }
    if (account.totpSecret !== null) {
      if (credentials.totp === undefined) throw new AdminTotpRequiredError();
      if (!(await this.totp.accepts(account.id, account.totpSecret, credentials.totp))) {
        throw new AdminTotpInvalidError();
      }
    }
    await this.limiter.clear(credentials.username);
    return { account, opened: await this.sessions.open(account.id, now) };
  }

  /** Opens a session for an account that proved itself otherwise (the first owner's setup). */
  async openFor(account: AdminAccount, now = Date.now()): Promise<SignedIn> {
    return { account, opened: await this.sessions.open(account.id, now) };
  }
}
