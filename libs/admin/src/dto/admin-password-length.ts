/**
 * An admin's password is longer than an app user's, since it can change the whole service.
 * Apart from the DTO decorators so the console's forms check the same: this file imports nothing.
 */
export const ADMIN_PASSWORD_MIN_LENGTH = 12;
