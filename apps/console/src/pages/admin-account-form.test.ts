import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { adminFieldErrors } from './admin-account-form';

describe('adminFieldErrors', () => {
  it('puts the service’s validation messages and a taken username under their fields', () => {
    const invalid = new ApiError(400, {
      code: 'InValidParam',
      message: 'Invalid parameters',
      errors: [
        { field: 'password', message: 'password must be longer than or equal to 12 characters' },
        { field: 'username', message: 'username must be 3-32 letters, digits, _ . or -' },
        { field: 'totp', message: 'property totp should not exist' },
      ],
    } as never);
    expect(adminFieldErrors(invalid)).toEqual([
      { name: 'password', errors: ['password must be longer than or equal to 12 characters'] },
      { name: 'username', errors: ['username must be 3-32 letters, digits, _ . or -'] },
    ]);
    const taken = new ApiError(409, { code: 'AdminUsernameTaken', message: 'taken' });
    expect(adminFieldErrors(taken)).toEqual([{ name: 'username', errors: ['taken'] }]);
  });

  it('gives nothing for a refusal of no field (the page shows its code as a message)', () => {
    expect(adminFieldErrors(new ApiError(409, { code: 'AdminLastOwner' }))).toEqual([]);
    expect(adminFieldErrors(new ApiError(403, { code: 'AdminRoleForbidden' }))).toEqual([]);
    expect(adminFieldErrors(new Error('offline'))).toEqual([]);
  });
});
