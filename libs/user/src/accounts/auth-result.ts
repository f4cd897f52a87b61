import { User } from '@app/prisma';

/** A signed-in account: what sign-up and log-in answer. */
export interface AuthResult {
  user: User;
  sessionToken: string;
}
