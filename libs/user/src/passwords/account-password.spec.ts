import { User } from '@app/prisma';
import { UserChanges, UsersRepository } from '../users/users.repository';
import { AccountPassword, hasPassword } from './account-password';
import { leanCloudPasswordHash } from './leancloud-password-hash';
import { PasswordHasher } from './password-hasher';

const salt = 'h60d8x797d3oa0naxybxxv9bn7xpt2yiowz68mpiwou7gwr2';

function account(overrides: Partial<User>): User {
  return {
    id: '7f1d0c5e-7a39-4a43-9c51-2f6a4d1c9e01',
    phone: '+8613800138000',
    username: null,
    usernameKey: null,
    passwordHash: null,
    mobilePhoneVerified: true,
    disabled: false,
    legacyId: '5f1b2c3d4e5f6a7b8c9d0e1f',
    legacyPasswordHash: null,
    legacyPasswordSalt: null,
    createdAt: new Date(),
    updatedAt: new Date(),
    ...overrides,
  };
}

describe('AccountPassword', () => {
  const hasher = new PasswordHasher();
  const updates: Array<{ userId: string; changes: UserChanges }> = [];
  const users = {
    update: (userId: string, changes: UserChanges) => {
      updates.push({ userId, changes });
      return Promise.resolve(account({}));
    },
  } as unknown as UsersRepository;
  const passwords = new AccountPassword(hasher, users);

  beforeAll(() => hasher.onModuleInit());
  beforeEach(() => updates.splice(0));

  const imported = account({
    legacyPasswordHash: leanCloudPasswordHash(salt, 'password'),
    legacyPasswordSalt: salt,
  });

  it('accepts the old LeanCloud password once and replaces the hash with argon2id', async () => {
    await expect(passwords.matches(imported, 'password')).resolves.toBe(true);
    expect(updates).toHaveLength(1);
    const { passwordHash } = updates[0].changes;
    expect(passwordHash).toMatch(/^\$argon2id\$/);
    await expect(hasher.verify(passwordHash, 'password')).resolves.toBe(true);
  });

  it('refuses a wrong password without touching the account', async () => {
    await expect(passwords.matches(imported, 'Password')).resolves.toBe(false);
    expect(updates).toHaveLength(0);
  });

  it('uses argon2id once the account has it, ignoring any legacy hash', async () => {
    const migrated = account({
      passwordHash: await hasher.hash('new password'),
      legacyPasswordHash: imported.legacyPasswordHash,
      legacyPasswordSalt: salt,
    });
    await expect(passwords.matches(migrated, 'password')).resolves.toBe(false);
    await expect(passwords.matches(migrated, 'new password')).resolves.toBe(true);
    expect(updates).toHaveLength(0);
  });

  it('answers false for no account and for an account without any password', async () => {
    await expect(passwords.matches(null, 'password')).resolves.toBe(false);
    await expect(passwords.matches(account({}), 'password')).resolves.toBe(false);
  });

  it('counts an imported hash as a password', () => {
    expect(hasPassword(imported)).toBe(true);
    expect(hasPassword(account({}))).toBe(false);
    expect(hasPassword(account({ legacyPasswordHash: 'x' }))).toBe(false);
  });
});
