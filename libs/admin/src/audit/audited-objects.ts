import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { AppError, type AuditedObjectDeclaration, type AuditTarget } from '@app/common';

/**
 * Reads the object an admin route changes with the reader the route declared (`@AuditedObject`),
 * from whichever library provides it.
 */
@Injectable()
export class AuditedObjects {
  private readonly logger = new Logger(AuditedObjects.name);

  constructor(private readonly modules: ModuleRef) {}

  /**
   * The object before the change; null when there is none (a creation, or a domain error such
   * as a not-found, which the handler answers in turn). Any other failure fails the request:
   * no change is made whose "before" cannot be told.
   */
  async before(
    declaration: AuditedObjectDeclaration | undefined,
    target: AuditTarget,
  ): Promise<unknown> {
    if (declaration?.kind !== 'reads') return null;
    try {
      return await this.read(declaration, target);
    } catch (error) {
      if (error instanceof AppError) return null;
      throw error;
    }
  }

  /**
   * The object once the handler is done (the answer of a creation); null when it is gone. The
   * change is made by then: a failed read is logged and leaves `after` empty.
   */
  async after(
    declaration: AuditedObjectDeclaration | undefined,
    target: AuditTarget,
    answer: unknown,
  ): Promise<unknown> {
    if (declaration?.kind !== 'reads') return answer;
    try {
      return await this.read(declaration, target);
    } catch (error) {
      if (!(error instanceof AppError)) {
        this.logger.error(`audited object not read after the change: ${String(error)}`);
      }
      return null;
    }
  }

  private read(
    declaration: Extract<AuditedObjectDeclaration, { kind: 'reads' }>,
    target: AuditTarget,
  ): Promise<unknown> {
    const reader = this.modules.get(declaration.reader, { strict: false });
    return declaration.read(reader, target);
  }
}
