/**
 * The longest password any account takes (argon2 hashes any length; this bounds the work an
 * attacker can ask for). Apart from the hasher so the console's forms can check it too: this
 * file imports nothing.
 */
export const PASSWORD_MAX_LENGTH = 128;
