import { Injectable } from '@nestjs/common';
import { PhoneNormalizer } from '@app/phone';
import { SignatureReference } from '../signatures/signature-reference';
import type { ListRepliesQueryDto, SmsReplyPageDto } from './dto/reply.dto';
import { SmsReplyRepository } from './sms-reply.repository';
import { toReplyDto } from './sms-reply-view';

/** The admin's view of the replies. */
@Injectable()
export class SmsReplyReader {
  constructor(
    private readonly replies: SmsReplyRepository,
    private readonly signatures: SignatureReference,
    private readonly phones: PhoneNormalizer,
  ) {}

  async list(query: ListRepliesQueryDto): Promise<SmsReplyPageDto> {
    const signature =
      query.signature === undefined ? undefined : await this.signatures.resolve(query.signature);
    const page = await this.replies.list(
      {
        phone: query.phone === undefined ? undefined : this.phones.normalize(query.phone).e164,
        signatureId: signature?.id,
        provider: query.provider,
        optOut: query.optOut,
        from: query.from === undefined ? undefined : new Date(query.from),
        to: query.to === undefined ? undefined : new Date(query.to),
      },
      query.page,
      query.pageSize,
    );
    return { ...page, items: page.items.map(toReplyDto) };
  }
}
