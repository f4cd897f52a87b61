import { Injectable } from '@nestjs/common';
import { User } from '@app/prisma';
import { PhoneNormalizer } from '@app/phone';
import {
  AccountLookupService,
  AuthenticatedSession,
  PasswordService,
  ProfileService,
  publicIdOf,
  SessionService,
} from '@app/user';
import type { LeanCloudCaller } from '../auth/leancloud-credentials';
import { LeanCloudError } from '../errors/leancloud-error';
import { UpdateUserBody } from './dto/update-user.body';
import { LeanCloudUser, toLeanCloudUser } from './leancloud-user';

/** The user a request acts on, and the caller's session when it is not the Master Key. */
interface Target {
  user: User;
  session?: AuthenticatedSession;
}

/** What LeanCloud answered a PUT with, unless the client asked for the whole object. */
export interface LeanCloudSaved {
  objectId: string;
  updatedAt: string;
}

const READS_OWN_USER_ONLY =
  'A client reads only its own user: send its X-LC-Session, or use the Master Key.';

/**
 * `_User` as an object (`/1.1/classes/_User/:id`, `/1.1/users/:id`): read and update of the
 * caller's own user, or of any user with the Master Key.
 *
 * LeanCloud's default `_User` ACL let anyone read any user's public fields. Here a user holds
 * a phone number and little else, so another user's id is refused (206) unless the Master
 * Key asks; the id is not looked up first, so the answer tells nothing about whether it
 * exists. The session token is never in these answers: the caller has it already, and a
 * Master Key read must not hand one out.
 */
@Injectable()
export class LeanCloudUserObjectsService {
  constructor(
    private readonly sessions: SessionService,
    private readonly lookup: AccountLookupService,
    private readonly profiles: ProfileService,
    private readonly passwords: PasswordService,
    private readonly phones: PhoneNormalizer,
  ) {}

  async read(
    objectId: string,
    caller: LeanCloudCaller,
    sessionToken: string | undefined,
  ): Promise<LeanCloudUser> {
    const { user } = await this.target(objectId, caller, sessionToken, READS_OWN_USER_ONLY);
    return toLeanCloudUser(user);
  }

  /**
   * Saves the keys this service keeps. A password changes as with `updatePassword`: a client
   * must send the current one (`old_password`), since a session token alone must not be
   * enough to lock the owner out; the Master Key sets it and ends every session. The
   * password goes first, so a wrong current password changes nothing.
   */
  async update(
    objectId: string,
    caller: LeanCloudCaller,
    sessionToken: string | undefined,
    body: UpdateUserBody,
  ): Promise<User> {
    const { user, session } = await this.target(objectId, caller, sessionToken);
    this.assertPhoneUnchanged(user, body.mobilePhoneNumber);
    if (body.password !== undefined) {
      await this.changePassword(user, session, body.password, body.old_password);
    }
    if (body.username !== undefined) {
      return this.profiles.update(user, { username: body.username });
    }
    if (body.password === undefined) return user;
    return (await this.lookup.byPublicId(objectId)) ?? user;
  }

  private async changePassword(
    user: User,
    session: AuthenticatedSession | undefined,
    password: string,
    oldPassword: string | undefined,
  ): Promise<void> {
    if (session === undefined) {
      await this.passwords.set(user.id, password);
      return;
    }
    if (oldPassword === undefined) {
      throw new LeanCloudError(
        119,
        'Change the password with updatePassword (user.updatePassword(old, new)): it needs the current password.',
      );
    }
    await this.passwords.change(session, { oldPassword, newPassword: password });
  }

  private assertPhoneUnchanged(user: User, phone: string | undefined): void {
    if (phone === undefined || phone === '') return;
    if (this.phones.normalize(phone).e164 === user.phone) return;
    throw new LeanCloudError(
      119,
      'Change the phone number with requestChangePhoneNumber and changePhoneNumber: a code sent to the new number proves it.',
    );
  }

  private async target(
    objectId: string,
    caller: LeanCloudCaller,
    sessionToken: string | undefined,
    notOwnMessage?: string,
  ): Promise<Target> {
    if (caller === 'master') {
      const user = await this.lookup.byPublicId(objectId);
      if (user === null) throw new LeanCloudError(101);
      return { user };
    }
    if (sessionToken === undefined) throw new LeanCloudError(206, notOwnMessage);
    const session = await this.sessions.authenticate(sessionToken);
    if (publicIdOf(session.user) !== objectId) throw new LeanCloudError(206, notOwnMessage);
    return { user: session.user, session };
  }
}

/** The PUT answer: `{ objectId, updatedAt }`, or the whole user when asked for. */
export function savedUser(user: User, whole: boolean): LeanCloudSaved | LeanCloudUser {
  if (whole) return toLeanCloudUser(user);
  return { objectId: publicIdOf(user), updatedAt: user.updatedAt.toISOString() };
}
