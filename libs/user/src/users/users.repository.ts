import { Injectable } from '@nestjs/common';
import { Prisma, User } from '@app/prisma';
import { TransactionScope } from '../persistence/transaction-scope';
import { violatedUniqueConstraint } from '../persistence/unique-violation';
import { PhoneTakenError, UsernameTakenError, UserNotFoundError } from '../user.errors';
import { usernameKey } from './username';

const NO_ACCOUNT_WITH_ID = 'No account has this id';

export interface NewUser {
  phone: string;
  username?: string;
  passwordHash?: string;
  mobilePhoneVerified: boolean;
}

export interface UserChanges {
  phone?: string;
  /** null removes the username. */
  username?: string | null;
  /**
   * Also drops an imported (legacy) password hash: argon2id replaces it. null removes
   * every password the account has.
   */
  passwordHash?: string | null;
  mobilePhoneVerified?: boolean;
  disabled?: boolean;
}

export interface UserPage {
  items: User[];
  total: number;
  page: number;
  pageSize: number;
}

/** Users in PostgreSQL. Phone and username uniqueness are constraints, reported as 409s. */
@Injectable()
export class UsersRepository {
  constructor(private readonly scope: TransactionScope) {}

  findById(userId: string): Promise<User | null> {
    return this.scope.db.user.findUnique({ where: { id: userId } });
  }

  /** The account of an id an operator gave; UserNotFound when there is none. */
  async getById(userId: string): Promise<User> {
    const user = await this.findById(userId);
    if (user === null) throw new UserNotFoundError(NO_ACCOUNT_WITH_ID);
    return user;
  }

  findByPhone(phone: string): Promise<User | null> {
    return this.scope.db.user.findUnique({ where: { phone } });
  }

  /** Usernames compare without case. */
  findByUsername(username: string): Promise<User | null> {
    return this.scope.db.user.findUnique({ where: { usernameKey: usernameKey(username) } });
  }

  /** By the id another system gave the account (LeanCloud's objectId), kept on import. */
  findByLegacyId(legacyId: string): Promise<User | null> {
    return this.scope.db.user.findUnique({ where: { legacyId } });
  }

  /** Whether another account holds this username (advisory; the constraint decides). */
  async usernameTaken(username: string, exceptUserId?: string): Promise<boolean> {
    const holder = await this.scope.db.user.findUnique({
      where: { usernameKey: usernameKey(username) },
      select: { id: true },
    });
    return holder !== null && holder.id !== exceptUserId;
  }

  async create(user: NewUser): Promise<User> {
    const { username, ...rest } = user;
    try {
      return await this.scope.db.user.create({
        data: { ...rest, ...usernameFields(username) },
      });
    } catch (error) {
      throw conflictOf(error);
    }
  }

  async update(userId: string, changes: UserChanges): Promise<User> {
    const { username, ...rest } = changes;
    const legacyPassword =
      changes.passwordHash === undefined
        ? {}
        : { legacyPasswordHash: null, legacyPasswordSalt: null };
    try {
      return await this.scope.db.user.update({
        where: { id: userId },
        data: { ...rest, ...legacyPassword, ...usernameFields(username) },
      });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2025') {
        throw new UserNotFoundError(NO_ACCOUNT_WITH_ID);
      }
      throw conflictOf(error);
    }
  }

  async list(filter: { phone?: string }, page: number, pageSize: number): Promise<UserPage> {
    const where: Prisma.UserWhereInput = { phone: filter.phone };
    const [items, total] = await Promise.all([
      this.scope.db.user.findMany({
        where,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        skip: (page - 1) * pageSize,
        take: pageSize,
      }),
      this.scope.db.user.count({ where }),
    ]);
    return { items, total, page, pageSize };
  }
}

function usernameFields(
  username: string | null | undefined,
): Pick<Prisma.UserUncheckedCreateInput, 'username' | 'usernameKey'> {
  if (username === undefined) return {};
  return { username, usernameKey: username === null ? null : usernameKey(username) };
}

function conflictOf(error: unknown): unknown {
  const constraint = violatedUniqueConstraint(error);
  if (constraint === undefined) return error;
  if (constraint.includes('username')) return new UsernameTakenError();
  if (constraint.includes('phone')) return new PhoneTakenError();
  return error;
}
