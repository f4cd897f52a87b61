import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { USERNAME_PATTERN, usernameKey } from '../users/username';
import { LegacyAccount, LegacyImportOutcome } from './legacy-account';
import { LegacyAccountsRepository, LegacyUserRow } from './legacy-accounts.repository';

const INVALID_USERNAME =
  'not a username here (3 to 32 ASCII letters, digits, "_", "." or "-"); log in by phone instead';
const TAKEN_USERNAME = 'another account has this username (compared without case)';

/**
 * Imports accounts of another system in batches. Each row goes in whole or not at all: an id
 * already imported is `exists` (a second run changes nothing), a phone another account has is
 * `rejected`, and a username this service cannot keep (its rules, or taken) is dropped from an
 * account that is still created, since the account logs in by phone with the same password.
 */
@Injectable()
export class LegacyImportService {
  constructor(private readonly accounts: LegacyAccountsRepository) {}

  async importBatch(batch: LegacyAccount[]): Promise<LegacyImportOutcome[]> {
    const [existing, takenPhones, takenUsernames] = await Promise.all([
      this.accounts.existingLegacyIds(batch.map((account) => account.legacyId)),
      this.accounts.takenPhones(batch.map((account) => account.phone)),
      this.accounts.takenUsernameKeys(
        batch.flatMap((account) => (account.username ? [usernameKey(account.username)] : [])),
      ),
    ]);
    const outcomes = new Map<LegacyAccount, LegacyImportOutcome>();
    const rows: LegacyUserRow[] = [];
    const seenIds = new Set(existing);

    for (const account of batch) {
      const { legacyId } = account;
      if (seenIds.has(legacyId)) {
        outcomes.set(account, { legacyId, status: 'exists' });
        continue;
      }
      seenIds.add(legacyId);
      if (takenPhones.has(account.phone)) {
        outcomes.set(account, {
          legacyId,
          status: 'rejected',
          reason: `another account has the phone ${account.phone}`,
        });
        continue;
      }
      takenPhones.add(account.phone);
      const { username, dropped } = keptUsername(account.username, takenUsernames);
      rows.push(toRow(account, username));
      outcomes.set(account, { legacyId, status: 'created', usernameDropped: dropped });
    }

    const inserted = await this.accounts.insertMany(rows);
    return batch.map((account) => {
      const outcome = outcomes.get(account) as LegacyImportOutcome;
      if (outcome.status !== 'created' || inserted.has(account.legacyId)) return outcome;
      return {
        legacyId: account.legacyId,
        status: 'rejected',
        reason: 'its id, phone or username was taken while importing; run the import again',
      };
    });
  }
}

function keptUsername(
  username: string | undefined,
  taken: Set<string>,
): { username?: string; dropped?: string } {
  if (username === undefined) return {};
  if (!USERNAME_PATTERN.test(username))
    return { dropped: `username "${username}": ${INVALID_USERNAME}` };
  const key = usernameKey(username);
  if (taken.has(key)) return { dropped: `username "${username}": ${TAKEN_USERNAME}` };
  taken.add(key);
  return { username };
}

function toRow(account: LegacyAccount, username: string | undefined): LegacyUserRow {
  return {
    id: randomUUID(),
    phone: account.phone,
    username: username ?? null,
    usernameKey: username === undefined ? null : usernameKey(username),
    mobilePhoneVerified: account.mobilePhoneVerified,
    legacyId: account.legacyId,
    legacyPasswordHash: account.legacyPassword?.hash ?? null,
    legacyPasswordSalt: account.legacyPassword?.salt ?? null,
    createdAt: account.createdAt.toISOString(),
    updatedAt: account.updatedAt.toISOString(),
  };
}
