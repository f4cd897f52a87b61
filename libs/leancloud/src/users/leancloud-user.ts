import { User } from '@app/prisma';
import { publicIdOf } from '@app/user';

/** `_User` as LeanCloud answered it: `sessionToken` wherever the SDK needs one. */
export interface LeanCloudUser {
  objectId: string;
  username: string;
  mobilePhoneNumber: string;
  mobilePhoneVerified: boolean;
  emailVerified: boolean;
  createdAt: string;
  updatedAt: string;
  sessionToken?: string;
}

/**
 * An account in LeanCloud's shape. The objectId is the imported LeanCloud id when there is
 * one. An account without a username shows its phone, as LeanCloud named phone sign-ups;
 * `/1.1/login` takes that name too. Dates are ISO 8601 UTC with milliseconds.
 */
export function toLeanCloudUser(user: User, sessionToken?: string): LeanCloudUser {
  return {
    objectId: publicIdOf(user),
    username: user.username ?? user.phone,
    mobilePhoneNumber: user.phone,
    mobilePhoneVerified: user.mobilePhoneVerified,
    emailVerified: false,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
    ...(sessionToken === undefined ? {} : { sessionToken }),
  };
}
