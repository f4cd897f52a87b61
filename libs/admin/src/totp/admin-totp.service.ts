import { Injectable } from '@nestjs/common';
import { AppConfigService } from '@app/config';
import { AdminAccount } from '@app/prisma';
import { AdminAccountsRepository } from '../accounts/admin-accounts.repository';
import { AdminTotpInvalidError, AdminTotpStateError } from '../admin.errors';
import { TotpCheck } from './totp-check';
import { TotpSecrets } from './totp-secrets';
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
    private readonly secrets: TotpSecrets,
    private readonly config: AppConfigService,
  ) {}

  /** A new pending secret, sealed at rest; sign-in asks codes only once it is confirmed. */
  async enrol(adminId: string): Promise<TotpEnrolment> {
    const secret = newTotpSecret();
    const account = await this.accounts.update(adminId, {
      totpPendingSecret: this.secrets.seal(adminId, secret),
    });
    return { secret, otpauthUri: totpUri(this.config.get('APP_NAME'), account.username, secret) };
  }

  async confirm(adminId: string, code: string): Promise<AdminAccount> {
    const account = await this.accounts.getById(adminId);
    const pending = account.totpPendingSecret;
    if (pending === null)
      throw new AdminTotpStateError('Enrol first: there is no secret to confirm');
    if (!(await this.check.accepts(adminId, pending, code))) throw new AdminTotpInvalidError();
    // Sealed again: a pending secret of before the encryption is stored sealed from now on.
    const totpSecret = this.secrets.seal(adminId, this.secrets.open(adminId, pending));
    return this.accounts.update(adminId, { totpSecret, totpPendingSecret: null });
  }

  async remove(adminId: string): Promise<void> {
    await this.accounts.update(adminId, { totpSecret: null, totpPendingSecret: null });
  }
}
