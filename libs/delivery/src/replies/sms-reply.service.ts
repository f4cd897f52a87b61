import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AppError } from '@app/common';
import { Metrics } from '@app/metrics';
import { PhoneNormalizer } from '@app/phone';
import { PrismaService } from '@app/prisma';
import { SmsMessageRecorder } from '../records/sms-message.recorder';
import { SmsSignatureRepository } from '../signatures/sms-signature.repository';
import { SuppressionRepository } from '../suppression/suppression.repository';
import { InboundReply, readAliyunReplies, readTencentReply } from './inbound-reply';
import { isOptOutReply } from './opt-out-keywords';
import { ReplyCallbackInvalidError } from './reply.errors';
import { SmsReplyRepository } from './sms-reply.repository';

/** How far back a reply is matched to a message: Tencent matches replies within 48 hours. */
const MATCH_WINDOW_MS = 48 * 3600_000;
/** The reply's time is the provider's clock: a message recorded moments "after" still counts. */
const CLOCK_SLACK_MS = 5 * 60_000;
const TRANSACTION_OPTIONS = { maxWait: 2000, timeout: 5000 };

type ReplyProvider = 'tencent' | 'aliyun';

interface ReadableReply {
  reply: InboundReply;
  /** E.164, parsed with the service's rules. */
  phone: string;
}

/**
 * Records the replies providers push (上行), each once however often it is pushed, matched to
 * the message it answers and the signature it was sent under; an opt-out keyword puts the
 * number on that signature's list, in the same transaction as the reply.
 *
 * The signature: the one whose text the provider names (Tencent's `sign`, Aliyun's `sign_name`
 * where given), else the one of the last message to the phone by that provider in the 48 hours
 * before. A reply matched to no signature is recorded all the same, for an admin to act on.
 */
@Injectable()
export class SmsReplyService {
  private readonly logger = new Logger(SmsReplyService.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly replies: SmsReplyRepository,
    private readonly suppressions: SuppressionRepository,
    private readonly signatures: SmsSignatureRepository,
    private readonly recorder: SmsMessageRecorder,
    private readonly phones: PhoneNormalizer,
    private readonly metrics: Metrics,
  ) {}

  /** Tencent pushes one reply per request: unreadable, it is refused. */
  async receiveTencent(body: unknown): Promise<void> {
    let reply: InboundReply;
    try {
      reply = readTencentReply(body);
    } catch (error) {
      this.metrics.replyRead('tencent', 'unreadable');
      throw error;
    }
    const readable = this.readable([reply]);
    if (readable.length === 0) {
      this.metrics.replyRead('tencent', 'unreadable');
      throw new ReplyCallbackInvalidError('The reply is from no phone this service serves', [
        { field: 'mobile', message: 'must be a mobile number of a served region' },
      ]);
    }
    await this.record('tencent', readable);
  }

  /** Aliyun pushes batches: unreadable entries are counted and left, the rest recorded. */
  async receiveAliyun(body: unknown): Promise<void> {
    let read: ReturnType<typeof readAliyunReplies>;
    try {
      read = readAliyunReplies(body);
    } catch (error) {
      this.metrics.replyRead('aliyun', 'unreadable', Array.isArray(body) ? body.length : 1);
      throw error;
    }
    const readable = this.readable(read.replies);
    const unreadable = read.unreadable + read.replies.length - readable.length;
    this.metrics.replyRead('aliyun', 'unreadable', unreadable);
    if (readable.length === 0 && read.replies.length > 0) {
      throw new ReplyCallbackInvalidError(
        'No reply in this push is from a phone this service serves',
      );
    }
    if (unreadable > 0)
      this.logger.warn(`aliyun replies: ${unreadable} unreadable entries left out`);
    await this.record('aliyun', readable);
  }

  private readable(replies: InboundReply[]): ReadableReply[] {
    return replies.flatMap((reply) => {
      try {
        return [{ reply, phone: this.phones.normalize(reply.phone).e164 }];
      } catch (error) {
        if (error instanceof AppError) return [];
        throw error;
      }
    });
  }

  private async record(provider: ReplyProvider, replies: ReadableReply[]): Promise<void> {
    // A reply may come moments after the send, before its record is written.
    if (replies.length > 0) await this.recorder.flushed();
    for (const reply of replies) await this.recordOne(provider, reply);
  }

  private async recordOne(provider: ReplyProvider, { reply, phone }: ReadableReply): Promise<void> {
    const repliedAt = reply.repliedAt.getTime();
    const message = await this.replies.lastMessageTo({
      phone,
      provider,
      signature: reply.signName,
      since: new Date(repliedAt - MATCH_WINDOW_MS),
      until: new Date(repliedAt + CLOCK_SLACK_MS),
    });
    const sign = reply.signName ?? message?.signature ?? undefined;
    // Signatures sharing a text are one sender to the carriers: the opt-out holds for each.
    const signatures = sign === undefined ? [] : await this.signatures.findByContent(sign);
    const optOut = isOptOutReply(reply.text);
    const added = await this.prisma.$transaction(async (tx) => {
      const row = await this.replies.insertOnce(
        {
          provider,
          dedupeKey: dedupeKey(provider, phone, reply),
          phone,
          signatureId: signatures[0]?.id,
          signName: reply.signName,
          extendCode: reply.extendCode,
          text: reply.text,
          optOut,
          messageId: message?.id,
          repliedAt: reply.repliedAt,
        },
        tx,
      );
      if (row === undefined) return undefined;
      if (!optOut) return 0;
      return this.suppressions.addMissing(
        signatures.map((signature) => ({
          signatureId: signature.id,
          phone,
          reason: 'reply' as const,
          replyId: row.id,
        })),
        tx,
      );
    }, TRANSACTION_OPTIONS);
    if (added === undefined) {
      this.metrics.replyRead(provider, 'duplicate');
      return;
    }
    this.metrics.replyRead(provider, optOut ? 'opt_out' : 'other');
    this.metrics.suppressed('reply', added);
    if (optOut && signatures.length === 0) {
      this.logger.warn(
        `${provider} opt-out reply matched no signature: recorded, nothing suppressed`,
      );
    }
  }
}

/** The provider's id of the reply, else a digest of what it says (Tencent gives no id). */
function dedupeKey(provider: ReplyProvider, phone: string, reply: InboundReply): string {
  if (reply.providerReplyId !== undefined) return `${provider}:id:${reply.providerReplyId}`;
  const digest = createHash('sha256')
    .update(JSON.stringify([phone, reply.signName, reply.extendCode, reply.text, reply.repliedAt]))
    .digest('base64url');
  return `${provider}:sha256:${digest}`;
}
