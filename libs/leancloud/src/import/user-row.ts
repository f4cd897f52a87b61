import { isLeanCloudPasswordHash } from '@app/user';

/** A `_User` row of the export, checked and ready to become an account. */
export interface ImportedUser {
  /** LeanCloud's objectId, kept so that clients' cached ids still work. */
  legacyId: string;
  username?: string;
  /** E.164. */
  phone: string;
  mobilePhoneVerified: boolean;
  createdAt: Date;
  updatedAt: Date;
  legacyPassword?: { hash: string; salt: string };
}

export type UserRowResult = { user: ImportedUser } | { rejected: string; legacyId?: string };

/** Normalises a phone as the service does for sign-up; throws with a reason otherwise. */
export type PhoneNormalizer = (phone: string) => string;

const OBJECT_ID = /^[A-Za-z0-9]{1,64}$/;
const MAX_USERNAME_LENGTH = 64;
const MAX_SALT_LENGTH = 256;

type Row = Record<string, unknown>;
class RowProblem extends Error {}

/**
 * Reads one row of a LeanCloud `_User` export. Accounts here are phone accounts, so a row
 * without `mobilePhoneNumber` is rejected; fields this service has no place for (email,
 * authData, ACL, custom columns) are left out.
 */
export function readUserRow(value: unknown, normalizePhone: PhoneNormalizer): UserRowResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { rejected: 'not a JSON object' };
  }
  const row = value as Row;
  const legacyId = row.objectId;
  if (typeof legacyId !== 'string' || !OBJECT_ID.test(legacyId)) {
    return { rejected: 'objectId is missing or not 1-64 letters and digits' };
  }
  try {
    const createdAt = dateField(row, 'createdAt') ?? new Date();
    return {
      user: {
        legacyId,
        username: usernameField(row),
        phone: phoneField(row, normalizePhone),
        mobilePhoneVerified: booleanField(row, 'mobilePhoneVerified'),
        createdAt,
        updatedAt: dateField(row, 'updatedAt') ?? createdAt,
        legacyPassword: passwordFields(row),
      },
    };
  } catch (error) {
    if (error instanceof RowProblem) return { rejected: error.message, legacyId };
    throw error;
  }
}

function phoneField(row: Row, normalizePhone: PhoneNormalizer): string {
  const phone = row.mobilePhoneNumber;
  if (phone === undefined || phone === null || phone === '') {
    throw new RowProblem('no mobilePhoneNumber: accounts here are phone accounts');
  }
  if (typeof phone !== 'string') throw new RowProblem('mobilePhoneNumber is not a string');
  try {
    return normalizePhone(phone);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new RowProblem(`mobilePhoneNumber ${JSON.stringify(phone)}: ${reason}`);
  }
}

function usernameField(row: Row): string | undefined {
  const username = row.username;
  if (username === undefined || username === null || username === '') return undefined;
  if (typeof username !== 'string' || username.length > MAX_USERNAME_LENGTH) {
    throw new RowProblem(`username is not a string of at most ${MAX_USERNAME_LENGTH} characters`);
  }
  return username;
}

function booleanField(row: Row, name: string): boolean {
  const value = row[name];
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') throw new RowProblem(`${name} is not true or false`);
  return value;
}

/** LeanCloud exports dates as ISO strings, or as `{ "__type": "Date", "iso": "..." }`. */
function dateField(row: Row, name: string): Date | undefined {
  const raw = row[name];
  if (raw === undefined || raw === null) return undefined;
  const iso = typeof raw === 'object' && (raw as Row).__type === 'Date' ? (raw as Row).iso : raw;
  const date = typeof iso === 'string' ? new Date(iso) : undefined;
  if (
    date === undefined ||
    Number.isNaN(date.getTime()) ||
    !/^\d{4}-\d{2}-\d{2}T/.test(String(iso))
  ) {
    throw new RowProblem(`${name} is not an ISO 8601 date`);
  }
  return date;
}

function passwordFields(row: Row): ImportedUser['legacyPassword'] {
  const { password: hash, salt } = row;
  const absent = (value: unknown) => value === undefined || value === null || value === '';
  if (absent(hash) && absent(salt)) return undefined;
  if (typeof hash !== 'string' || !isLeanCloudPasswordHash(hash)) {
    throw new RowProblem('password is not a LeanCloud password hash (base64 of SHA-512)');
  }
  if (typeof salt !== 'string' || salt === '' || salt.length > MAX_SALT_LENGTH) {
    throw new RowProblem('password comes without its salt');
  }
  return { hash, salt };
}
