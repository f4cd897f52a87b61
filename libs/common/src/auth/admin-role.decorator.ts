import { SetMetadata } from '@nestjs/common';
import type { AdminRoleName } from './admin-principal';

export const ADMIN_ROLE = 'adminRole';
export const ADMIN_SESSION_ONLY = 'adminSessionOnly';

/**
 * The role an admin route needs when it differs from the default by method (reads, GET and
 * HEAD: `viewer`; every other method: `operator`). Admin accounts need `owner`.
 */
export const AdminRole = (role: AdminRoleName): MethodDecorator & ClassDecorator =>
  SetMetadata(ADMIN_ROLE, role);

/** A route about the signed-in admin's own session (its TOTP, signing out): the key has none. */
export const AdminSessionOnly = (): MethodDecorator & ClassDecorator =>
  SetMetadata(ADMIN_SESSION_ONLY, true);

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whether a method only reads (needs no CSRF token, and `viewer` by default). */
export function isReadMethod(method: string): boolean {
  return READ_METHODS.has(method.toUpperCase());
}

/** The role a route needs: its declared one, else by method. */
export function neededRole(declared: AdminRoleName | undefined, method: string): AdminRoleName {
  return declared ?? (isReadMethod(method) ? 'viewer' : 'operator');
}
