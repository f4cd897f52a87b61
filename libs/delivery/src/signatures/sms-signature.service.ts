import { Injectable } from '@nestjs/common';
import { PrismaService, SmsReviewStatus, SmsSignature } from '@app/prisma';
import { Db, inCatalogTransaction, isUniqueViolation } from '../catalog-transaction';
import type { Page } from '../records/sms-message.repository';
import {
  SignatureInUseError,
  SignatureNameTakenError,
  SignatureNotApprovedError,
  SignatureNotFoundError,
} from '../catalog.errors';
import type { CreateSignatureDto, UpdateSignatureDto } from './dto/signature.dto';
import { SmsCatalogCache } from '../templates/sms-catalog-cache';
import { SmsSignatureRepository } from './sms-signature.repository';

/**
 * The signature catalogue and its review life cycle. Exactly one approved signature is the
 * default whenever any is approved: the first approved becomes it, and when the default is
 * rejected, edited back to review or deleted, the oldest other approved one takes over, in the
 * same transaction (a partial unique index keeps it to one in the database).
 */
@Injectable()
export class SmsSignatureService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly signatures: SmsSignatureRepository,
    private readonly catalog: SmsCatalogCache,
  ) {}

  async create(dto: CreateSignatureDto): Promise<SmsSignature> {
    try {
      return await this.signatures.create({
        name: dto.name,
        content: dto.content,
        type: dto.type,
        purpose: dto.purpose ?? undefined,
        qualification: dto.qualification ?? undefined,
      });
    } catch (error) {
      throw isUniqueViolation(error) ? new SignatureNameTakenError() : error;
    } finally {
      this.catalog.changed();
    }
  }

  list(
    status: SmsReviewStatus | undefined,
    page: number,
    pageSize: number,
  ): Promise<Page<SmsSignature>> {
    return this.signatures.list({ status }, page, pageSize);
  }

  async get(id: string): Promise<SmsSignature> {
    return (await this.signatures.findById(id)) ?? notFound();
  }

  /** Editing the text or type sends it back to review; `isDefault: true` moves the default here. */
  async update(id: string, dto: UpdateSignatureDto): Promise<SmsSignature> {
    try {
      return await inCatalogTransaction(this.prisma, 'signatures', async (tx) => {
        const current = await this.mustFind(tx, id);
        const reviewed =
          (dto.content != null && dto.content !== current.content) ||
          (dto.type != null && dto.type !== current.type);
        if (dto.isDefault && (reviewed || current.status !== 'approved')) {
          throw new SignatureNotApprovedError('Only an approved signature can be the default');
        }
        if (dto.isDefault && !current.isDefault) await this.signatures.clearDefault(tx);
        const updated = await this.signatures.update(tx, id, {
          name: dto.name ?? undefined,
          content: dto.content ?? undefined,
          type: dto.type ?? undefined,
          purpose: dto.purpose ?? undefined,
          qualification: dto.qualification ?? undefined,
          ...(dto.isDefault ? { isDefault: true } : {}),
          ...(reviewed ? { status: 'pending', rejectionReason: null, isDefault: false } : {}),
        });
        if (reviewed && current.isDefault) await this.signatures.promoteOldestApproved(tx, id);
        return updated;
      });
    } catch (error) {
      throw isUniqueViolation(error) ? new SignatureNameTakenError() : error;
    } finally {
      this.catalog.changed();
    }
  }

  approve(id: string): Promise<SmsSignature> {
    return inCatalogTransaction(this.prisma, 'signatures', async (tx) => {
      await this.mustFind(tx, id);
      const makeDefault = !(await this.signatures.hasDefault(tx));
      return this.signatures.update(tx, id, {
        status: 'approved',
        rejectionReason: null,
        ...(makeDefault ? { isDefault: true } : {}),
      });
    }).finally(() => this.catalog.changed());
  }

  reject(id: string, reason: string): Promise<SmsSignature> {
    return inCatalogTransaction(this.prisma, 'signatures', async (tx) => {
      const current = await this.mustFind(tx, id);
      const rejected = await this.signatures.update(tx, id, {
        status: 'rejected',
        rejectionReason: reason,
        isDefault: false,
      });
      if (current.isDefault) await this.signatures.promoteOldestApproved(tx, id);
      return rejected;
    }).finally(() => this.catalog.changed());
  }

  /** Refused for the last approved signature: reject it first if that is really meant. */
  delete(id: string): Promise<void> {
    return inCatalogTransaction(this.prisma, 'signatures', async (tx) => {
      const current = await this.mustFind(tx, id);
      if (current.status === 'approved' && (await this.signatures.countApproved(tx)) === 1) {
        throw new SignatureInUseError(
          'This is the only approved signature; approve another one (or reject this one) first',
        );
      }
      await this.signatures.delete(tx, id);
      if (current.isDefault) await this.signatures.promoteOldestApproved(tx, id);
    }).finally(() => this.catalog.changed());
  }

  private async mustFind(tx: Db, id: string): Promise<SmsSignature> {
    return (await this.signatures.findById(id, tx)) ?? notFound();
  }
}

function notFound(): never {
  throw new SignatureNotFoundError();
}
