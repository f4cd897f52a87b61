import { Injectable } from '@nestjs/common';
import { User } from '@app/prisma';
import { UsersRepository } from '../users/users.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The id clients know an account by: the one it was imported with, else ours. */
export function publicIdOf(user: User): string {
  return user.legacyId ?? user.id;
}

/** Finds accounts by the ids clients hold. */
@Injectable()
export class AccountLookupService {
  constructor(private readonly users: UsersRepository) {}

  /** By `publicIdOf`: an imported id, or our UUID. Null for an unknown or malformed id. */
  async byPublicId(publicId: string): Promise<User | null> {
    const imported = await this.users.findByLegacyId(publicId);
    if (imported !== null || !UUID.test(publicId)) return imported;
    const user = await this.users.findById(publicId);
    // An account imported with an id never answers to its UUID: one id per account.
    return user?.legacyId === null ? user : null;
  }
}
