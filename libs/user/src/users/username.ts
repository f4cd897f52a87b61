/**
 * 3 to 32 ASCII letters, digits, `_`, `.` or `-`, starting with a letter or digit. ASCII only,
 * so two usernames that look alike are alike, and lower-casing is the whole case folding.
 */
export const USERNAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{2,31}$/;

/** What uniqueness compares: `Alice` and `alice` are one username. */
export function usernameKey(username: string): string {
  return username.toLowerCase();
}
