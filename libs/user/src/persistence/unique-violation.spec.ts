import { Prisma } from '@app/prisma';
import { violatedUniqueConstraint } from './unique-violation';

const knownError = (code: string, meta: Record<string, unknown>) =>
  new Prisma.PrismaClientKnownRequestError('failed', { code, clientVersion: 'test', meta });

describe('violatedUniqueConstraint', () => {
  it('names the index a driver adapter reports (PostgreSQL over @prisma/adapter-pg)', () => {
    const error = knownError('P2002', {
      modelName: 'User',
      driverAdapterError: {
        name: 'DriverAdapterError',
        cause: {
          originalCode: '23505',
          kind: 'UniqueConstraintViolation',
          constraint: { index: 'users_phone_key' },
          table: 'users',
        },
      },
    });
    expect(violatedUniqueConstraint(error)).toBe('users_phone_key');
  });

  it('names the fields when the adapter reports fields', () => {
    const error = knownError('P2002', {
      driverAdapterError: { cause: { constraint: { fields: ['username_key'] } } },
    });
    expect(violatedUniqueConstraint(error)).toBe('username_key');
  });

  it("reads the query engine's `target` too", () => {
    expect(violatedUniqueConstraint(knownError('P2002', { target: ['phone'] }))).toBe('phone');
    expect(violatedUniqueConstraint(knownError('P2002', { target: 'users_phone_key' }))).toBe(
      'users_phone_key',
    );
  });

  it('is undefined for anything but a unique violation', () => {
    expect(violatedUniqueConstraint(knownError('P2025', {}))).toBeUndefined();
    expect(violatedUniqueConstraint(new Error('P2002'))).toBeUndefined();
    expect(violatedUniqueConstraint(undefined)).toBeUndefined();
  });
});
