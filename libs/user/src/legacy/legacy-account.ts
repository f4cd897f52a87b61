/** An account of another system (LeanCloud's `_User`), checked and ready to import. */
export interface LegacyAccount {
  /** That system's id, kept so its clients' cached ids keep working. */
  legacyId: string;
  /** E.164. */
  phone: string;
  username?: string;
  mobilePhoneVerified: boolean;
  createdAt: Date;
  updatedAt: Date;
  /** LeanCloud's hash and salt, replaced by argon2id at the first log-in. */
  legacyPassword?: { hash: string; salt: string };
}

export type LegacyImportOutcome =
  | { legacyId: string; status: 'created'; usernameDropped?: string }
  | { legacyId: string; status: 'exists' }
  | { legacyId: string; status: 'rejected'; reason: string };
