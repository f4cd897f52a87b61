import { Injectable } from '@nestjs/common';
import { Metrics } from '@app/metrics';
import { PhoneNormalizer } from '@app/phone';
import { isUniqueViolation } from '../catalog-transaction';
import { SignatureReference } from '../signatures/signature-reference';
import type {
  AddSuppressionDto,
  ListSuppressionsQueryDto,
  SuppressionDto,
  SuppressionPageDto,
} from './dto/suppression.dto';
import { PhoneAlreadySuppressedError, SuppressionNotFoundError } from './suppression.errors';
import { SuppressionRepository } from './suppression.repository';
import { toSuppressionDto } from './suppression-view';

/** What an admin does with the opt-out lists by hand: read, add, remove. */
@Injectable()
export class SuppressionService {
  constructor(
    private readonly suppressions: SuppressionRepository,
    private readonly signatures: SignatureReference,
    private readonly phones: PhoneNormalizer,
    private readonly metrics: Metrics,
  ) {}

  async list(query: ListSuppressionsQueryDto): Promise<SuppressionPageDto> {
    const signature =
      query.signature === undefined ? undefined : await this.signatures.resolve(query.signature);
    const page = await this.suppressions.list(
      {
        signatureId: signature?.id,
        phone: query.phone === undefined ? undefined : this.phones.normalize(query.phone).e164,
        reason: query.reason,
        from: query.from === undefined ? undefined : new Date(query.from),
        to: query.to === undefined ? undefined : new Date(query.to),
      },
      query.page,
      query.pageSize,
    );
    return { ...page, items: page.items.map(toSuppressionDto) };
  }

  /** Any signature, approved or not: an opt-out holds whatever the signature's review. */
  async add(dto: AddSuppressionDto): Promise<SuppressionDto> {
    const phone = this.phones.normalize(dto.phone).e164;
    const signature = await this.signatures.resolve(dto.signature);
    try {
      const entry = await this.suppressions.create({
        signatureId: signature.id,
        phone,
        reason: 'admin',
      });
      this.metrics.suppressed('admin', 1);
      return toSuppressionDto(entry);
    } catch (error) {
      throw isUniqueViolation(error) ? new PhoneAlreadySuppressedError() : error;
    }
  }

  /** One entry; null when there is none with this id. */
  async find(id: string): Promise<SuppressionDto | null> {
    const entry = await this.suppressions.findById(id);
    return entry === null ? null : toSuppressionDto(entry);
  }

  async remove(id: string): Promise<void> {
    if (!(await this.suppressions.delete(id))) throw new SuppressionNotFoundError();
    this.metrics.suppressionRemoved();
  }
}
