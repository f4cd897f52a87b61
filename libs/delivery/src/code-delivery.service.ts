import { Injectable, Logger } from '@nestjs/common';
import type { NormalizedPhone } from '@app/phone';
import { ChannelNotAvailableError } from './delivery.errors';
import { VoiceProviderRouter } from './providers/voice-provider-router';
import { MessageQueue } from './queue/message-queue';
import { SmsMessageRecorder } from './records/sms-message.recorder';
import { maskCode } from './sending/default-template';
import { MessageComposer, MessagePlan } from './sending/message-composer';
import { outgoingMessage } from './sending/outgoing-message';
import { DeliveryResult, SmsSender } from './sending/sms-sender.service';

/** What a code's message is made of, named from the catalogue. */
export interface CodeMessageRequest {
  phone: NormalizedPhone;
  purpose: string;
  locale?: string;
  template?: string;
  signature?: string;
  /** Caller variables, already checked (`readCallerVariables`). */
  variables: ReadonlyMap<string, string>;
  /** What carries the code: an SMS (the default) or a call that reads it out. */
  channel?: CodeChannel;
}

/** The channels a verification code can go out on. */
export const CODE_CHANNELS = ['sms', 'voice'] as const;
export type CodeChannel = (typeof CODE_CHANNELS)[number];

/** A code's message, chosen and checked before any limit is counted. */
export interface CodeMessagePlan {
  phone: NormalizedPhone;
  purpose: string;
  plan: MessagePlan;
}

export interface CodeToDeliver {
  /** The message id, also the code's in the code store. */
  id: string;
  code: string;
  /** Minutes the code lives, for the template's `{{ttl}}`. */
  ttlMinutes: number;
  /** When the code dies (epoch ms). */
  expiresAt: number;
  clientIp?: string;
}

/**
 * What the codes library asks of delivery: "deliver this code for purpose P to phone X", by
 * SMS or by a call (the voice providers, with the same failover). The message is made durable (a `code` job) before any provider is called, dispatched at
 * once in this process so the request learns the outcome, and its record queued from it.
 */
@Injectable()
export class CodeDelivery {
  private readonly logger = new Logger(CodeDelivery.name);

  constructor(
    private readonly composer: MessageComposer,
    private readonly sender: SmsSender,
    private readonly queue: MessageQueue,
    private readonly recorder: SmsMessageRecorder,
    private readonly voiceProviders: VoiceProviderRouter,
  ) {}

  /**
   * Chooses and checks the template and signature; throws the client's error if they fail.
   * A voice code first needs a voice provider that can call the phone (`ChannelNotAvailable`).
   */
  async plan(request: CodeMessageRequest): Promise<CodeMessagePlan> {
    const { phone, channel = 'sms' } = request;
    if (channel === 'voice' && !this.voiceProviders.canReach(phone.region)) {
      throw new ChannelNotAvailableError(channel, phone.region);
    }
    const message = {
      region: phone.region,
      locale: request.locale,
      template: request.template,
      signature: request.signature,
      variables: request.variables,
    };
    const plan = await this.composer.planVerification(request.purpose, message, channel);
    return { phone: request.phone, purpose: request.purpose, plan };
  }

  /**
   * Sends the code. Throws only when the message could not be made durable (Redis away):
   * nothing was sent then. Otherwise answers the dispatch's result.
   */
  async deliver(planned: CodeMessagePlan, code: CodeToDeliver): Promise<DeliveryResult> {
    const { plan, phone } = planned;
    const ttl = String(code.ttlMinutes);
    const recorded = this.composer.render(plan, { code: maskCode(code.code), ttl });
    const message = this.composer.render(plan, { code: code.code, ttl });
    const { sms, context } = outgoingMessage({
      id: code.id,
      phone,
      purpose: planned.purpose,
      plan,
      message,
      recordedContent: recorded.content,
      clientIp: code.clientIp,
    });
    return this.recorder.whileSending(async () => {
      // A test number's message goes nowhere: there is nothing to take over.
      const held = !this.sender.isTestNumber(sms.phone);
      // The record's created_at, kept by every write of this message (a takeover's too): part
      // of the partitioned table's key.
      const madeAt = Date.now();
      if (held) {
        const data = { sms, context, expiresAt: code.expiresAt, queuedAt: madeAt };
        await this.queue.holdCode(data, this.sender.longestDispatchMs);
      }
      let dispatched;
      try {
        dispatched = await this.sender.dispatch(sms, context);
      } catch (error) {
        // A dispatch throws only for a programming error, before any provider had the message:
        // the caller gives the reservation back, so the held copy must not be sent later.
        if (held) await this.queue.dropHeldCode(sms.id).catch(() => undefined);
        throw error;
      }
      const { result, record } = dispatched;
      try {
        await this.queue.recordOutcome(record, new Date(madeAt));
      } catch (error) {
        // The code's job stays: a worker takes it over and, the code being live, sends it
        // again (the user may get it twice) rather than leave the message unrecorded.
        const reason = error instanceof Error ? error.message : String(error);
        this.logger.error(`Could not queue the record of message ${sms.id}: ${reason}`);
      }
      return result;
    });
  }
}
