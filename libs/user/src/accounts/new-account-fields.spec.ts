import { InvalidParamError } from '@app/common';
import { PASSWORD_MAX_LENGTH } from '../passwords/password-hasher';

/** USER_PASSWORD_MIN_LENGTH as a migrating LeanCloud app may set it. */
const PASSWORD_MIN_LENGTH = 6;
import { assertValidNewAccountFields } from './new-account-fields';

function refusal(fields: { username?: string; password?: string }): InvalidParamError {
  try {
    assertValidNewAccountFields(fields, PASSWORD_MIN_LENGTH);
  } catch (error) {
    if (error instanceof InvalidParamError) return error;
    throw error;
  }
  throw new Error('expected the fields to be refused');
}

describe('assertValidNewAccountFields', () => {
  it('accepts no fields, and fields within the rules', () => {
    expect(() => assertValidNewAccountFields({}, PASSWORD_MIN_LENGTH)).not.toThrow();
    expect(() =>
      assertValidNewAccountFields(
        { username: 'alice.b-1', password: 'p'.repeat(PASSWORD_MIN_LENGTH) },
        PASSWORD_MIN_LENGTH,
      ),
    ).not.toThrow();
    expect(() =>
      assertValidNewAccountFields(
        { password: 'p'.repeat(PASSWORD_MAX_LENGTH) },
        PASSWORD_MIN_LENGTH,
      ),
    ).not.toThrow();
  });

  it('names each field that breaks its rule', () => {
    const error = refusal({ username: '_alice', password: 'p'.repeat(PASSWORD_MIN_LENGTH - 1) });
    expect(error.errors.map(({ field }) => field)).toEqual(['username', 'password']);
    expect(refusal({ password: 'p'.repeat(PASSWORD_MAX_LENGTH + 1) }).errors).toEqual([
      { field: 'password', message: expect.stringContaining(`${PASSWORD_MIN_LENGTH} to`) },
    ]);
    expect(refusal({ username: 'ab' }).errors[0].field).toBe('username');
    expect(refusal({ username: '张三丰' }).errors[0].field).toBe('username');
  });
});
