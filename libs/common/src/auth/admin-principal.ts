import type { FastifyRequest } from 'fastify';

/** What a named admin may do: `owner` everything, `operator` changes but not admins, `viewer` reads. */
export type AdminRoleName = 'owner' | 'operator' | 'viewer';

const RANK: Record<AdminRoleName, number> = { viewer: 0, operator: 1, owner: 2 };

/** Whether `role` is at least `needed`. */
export function roleSuffices(role: AdminRoleName, needed: AdminRoleName): boolean {
  return RANK[role] >= RANK[needed];
}

/** The caller of an admin route: automation with ADMIN_API_KEY, or a named admin's console session. */
export type AdminPrincipal =
  | { readonly kind: 'api-key'; readonly role: 'owner' }
  | {
      readonly kind: 'session';
      readonly adminId: string;
      readonly username: string;
      readonly role: AdminRoleName;
      /** The session's id (the SHA-256 of its token), so a route can end it. */
      readonly sessionId: string;
      readonly csrfToken: string;
    };

export const API_KEY_PRINCIPAL: AdminPrincipal = Object.freeze({ kind: 'api-key', role: 'owner' });

/**
 * Resolves the console session a request's cookie names. libs/admin provides it; without it
 * (an app without named admins) the admin routes take the key only.
 */
export abstract class AdminSessionResolver {
  abstract resolve(request: FastifyRequest): Promise<AdminPrincipal | undefined>;
}

const PRINCIPAL = Symbol('adminPrincipal');

type WithPrincipal = FastifyRequest & { [PRINCIPAL]?: AdminPrincipal };

/** Set by AdminGuard once the caller is known. */
export function setAdminPrincipal(request: FastifyRequest, principal: AdminPrincipal): void {
  (request as WithPrincipal)[PRINCIPAL] = principal;
}

/** The admin caller AdminGuard let through, or undefined on a route it does not guard. */
export function adminPrincipalOf(request: FastifyRequest): AdminPrincipal | undefined {
  return (request as WithPrincipal)[PRINCIPAL];
}
