import { Injectable } from '@nestjs/common';
import type { SmsSignature } from '@app/prisma';
import { SignatureNotFoundError } from '../catalog.errors';
import { SmsSignatureRepository } from './sms-signature.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A signature as an admin names it: by id (the signature routes' `:id`) or by name (what
 * `signature` means when sending). Names cannot look like a uuid's dashes-and-hex by chance
 * often, and a name that does is still found by name when no id matches.
 */
@Injectable()
export class SignatureReference {
  constructor(private readonly signatures: SmsSignatureRepository) {}

  async resolve(reference: string): Promise<SmsSignature> {
    const byId = UUID.test(reference) ? await this.signatures.findById(reference) : null;
    const found = byId ?? (await this.signatures.findByName(reference));
    if (found === null)
      throw new SignatureNotFoundError(`No signature with id or name ${reference}`);
    return found;
  }
}
