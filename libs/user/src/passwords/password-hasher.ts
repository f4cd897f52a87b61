import { Injectable, OnModuleInit } from '@nestjs/common';
import { hash, verify, type Algorithm, type Options } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';

export { PASSWORD_MAX_LENGTH } from './password-limits';

/** `Algorithm.Argon2id`; a const enum, written out so no compiler has to inline it. */
const ARGON2ID: Algorithm = 2;

/** OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane. */
const OPTIONS: Options = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** argon2id password hashes (PHC strings, salt included). */
@Injectable()
export class PasswordHasher implements OnModuleInit {
  /** Verified against when there is no real hash, so "no such account" costs as much as a wrong password. */
  private dummyHash: string;

  async onModuleInit(): Promise<void> {
    this.dummyHash = await hash(randomBytes(24).toString('base64url'), OPTIONS);
  }

  hash(password: string): Promise<string> {
    return hash(password, OPTIONS);
  }

  /**
   * Whether `password` matches `passwordHash`. With no hash (unknown account, account
   * without a password) it still runs one verification and answers false.
   */
  async verify(passwordHash: string | null | undefined, password: string): Promise<boolean> {
    if (passwordHash === null || passwordHash === undefined) {
      await verify(this.dummyHash, password);
      return false;
    }
    return verify(passwordHash, password);
  }
}
