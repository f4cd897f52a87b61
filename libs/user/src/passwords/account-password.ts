import { Injectable } from '@nestjs/common';
import { User } from '@app/prisma';
import { UsersRepository } from '../users/users.repository';
import { verifyLeanCloudPassword } from './leancloud-password-hash';
import { PasswordHasher } from './password-hasher';

/** Whether the account can log in with a password: argon2id, or a hash imported with it. */
export function hasPassword(user: User): boolean {
  return user.passwordHash !== null || legacyPasswordOf(user) !== undefined;
}

function legacyPasswordOf(user: User): { hash: string; salt: string } | undefined {
  const { legacyPasswordHash: hash, legacyPasswordSalt: salt } = user;
  return hash === null || salt === null ? undefined : { hash, salt };
}

/**
 * Checks a password against an account. Accounts imported from LeanCloud keep LeanCloud's
 * hash until their first right password, which replaces it with argon2id. Every answer costs
 * at least one argon2 verification, so timing tells nothing about the kind of account.
 */
@Injectable()
export class AccountPassword {
  constructor(
    private readonly hasher: PasswordHasher,
    private readonly users: UsersRepository,
  ) {}

  async matches(user: User | null, password: string): Promise<boolean> {
    const legacy = user === null || user.passwordHash !== null ? undefined : legacyPasswordOf(user);
    if (user === null || legacy === undefined)
      return this.hasher.verify(user?.passwordHash, password);

    if (!verifyLeanCloudPassword(password, legacy)) {
      await this.hasher.verify(null, password);
      return false;
    }
    // Replacing the hash is the same argon2 cost as verifying one.
    await this.users.update(user.id, { passwordHash: await this.hasher.hash(password) });
    return true;
  }
}
