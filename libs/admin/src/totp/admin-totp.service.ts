import { Injectable } from '@nestjs/common';
import { AppConfigService } from '@app/config';
import { AdminAccount } from '@app/prisma';
import { AdminAccountsRepository } from '../accounts/admin-accounts.repository';
import { AdminTotpInvalidError, AdminTotpStateError } from '../admin.errors';
import { TotpCheck } from './totp-check';
import { newTotpSecret, totpUri } from './totp';

export interface TotpEnrolment {
  secret: string;
  otpauthUri: string;
}

/** The signed-in admin's own second factor: enrol, confirm with a first code, remove. */
@Injectable()
export class AdminTotpService {
  constructor(
    private readonly accounts: AdminAccountsRepository,
    private readonly check: TotpCheck,
    private readonly config: AppConfigService,
  ) {}

  /** A new pending secret; sign-in asks codes only once it is confirmed. */
  async enrol(adminId: string): Promise<TotpEnrolment> {
    const secret = newTotpSecret();
    const account = await this.accounts.update(adminId, { totpPendingSecret: secret });
    return { secret, otpauthUri: totpUri(this.config.get('APP_NAME'), account.username, secret) };
  }

  async confirm(adminId: string, code: string): Promise<AdminAccount> {
    const account = await this.accounts.getById(adminId);
    const pending = account.totpPendingSecret;
    if (pending === null)
      throw new AdminTotpStateError('Enrol first: there is no secret to confirm');
    if (!(await this.check.accepts(adminId, pending, code))) throw new AdminTotpInvalidError();
    return this.accounts.update(adminId, { totpSecret: pending, totpPendingSecret: null });
  }

  async remove(adminId: string): Promise<void> {
    await this.accounts.update(adminId, { totpSecret: null, totpPendingSecret: null });
  }
}
