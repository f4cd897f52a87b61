import { SetMetadata, Type } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { AdminPrincipal } from './admin-principal';

/**
 * What a reader of an audited object is given. The audit reads before the route's pipes run, so
 * the params and the body are as the client sent them, not validated yet: a reader checks what
 * it uses (an id that is no UUID names nothing).
 */
export interface AuditTarget {
  readonly params: Readonly<Record<string, string | undefined>>;
  readonly body: unknown;
  readonly admin: AdminPrincipal;
}

/**
 * Reads the object an admin route changes, as the route's own reads show it; null (or a domain
 * error such as a not-found) when there is none. `reader` is the provider it asks, found in the
 * app's container, so that a domain library declares its readers without knowing libs/admin.
 */
export type AuditedObjectRead<R> = (reader: R, target: AuditTarget) => Promise<unknown>;

export type AuditedObjectDeclaration =
  | {
      readonly kind: 'reads';
      readonly reader: Type<unknown>;
      readonly read: AuditedObjectRead<unknown>;
    }
  | { readonly kind: 'creates' };

export const AUDITED_OBJECT = 'auditedObject';

/**
 * The object a state-changing admin route changes: the audit reads it before the handler runs
 * (the entry's `before`) and again once it is done (`after`).
 */
export function AuditedObject<R>(
  reader: Type<R>,
  read: AuditedObjectRead<R>,
): MethodDecorator & ClassDecorator {
  const declaration: AuditedObjectDeclaration = {
    kind: 'reads',
    reader,
    read: read as AuditedObjectRead<unknown>,
  };
  return SetMetadata(AUDITED_OBJECT, declaration);
}

/** The object named by the route's `:id`, a UUID on every admin route (anything else: none). */
export function AuditedObjectById<R>(
  reader: Type<R>,
  read: (reader: R, id: string) => Promise<unknown>,
): MethodDecorator & ClassDecorator {
  return AuditedObject(reader, async (instance, { params }) => {
    const id = params.id;
    return id !== undefined && isUUID(id) ? read(instance, id) : null;
  });
}

/**
 * A route that creates its object (or objects): nothing before; after, what the answer tells of
 * what was made.
 */
export const AuditedCreation = (): MethodDecorator & ClassDecorator => {
  const declaration: AuditedObjectDeclaration = { kind: 'creates' };
  return SetMetadata(AUDITED_OBJECT, declaration);
};
