import { Injectable, Logger } from '@nestjs/common';
import { hkdfSync } from 'node:crypto';
import { AppConfigService } from '@app/config';
import {
  countPendingHit,
  isRedisCommandTimeout,
  type PendingWindowHit,
  type RedisScript,
  RedisService,
} from '@app/redis';
import { CodeChannel, DailyLimitExceededError, TooFrequentError } from '@app/delivery';
import {
  CodeExpiredError,
  CodeUsedError,
  CodeWrongError,
  DailyGuessLimitExceededError,
  HourlyLimitExceededError,
  IpLimitExceededError,
  ServiceLimitExceededError,
} from '../code.errors';
import {
  cancelLateReservationScript,
  releaseSendScript,
  releaseVoiceSendScript,
  reserveSendScript,
  reserveVoiceSendScript,
  clusterVerifyCodeScript,
  verifyCodeScript,
} from './code-store.scripts';
import { ClusterReservations, type ClusterSend } from './cluster-reservations';
import { DAILY_COUNTER_TTL_MS, secondsUntilNextUtcDay, utcDayKey } from './daily-window';
import { FraudGuard, type FraudPlan, type ReserveAnswer } from '../fraud/fraud-guard';
import { hashCode } from './verification-code';

export interface SendSlot {
  phone: string;
  purpose: string;
  clientIp: string;
  /** The message that will carry the code; verification is recorded against it. */
  messageId: string;
  /** SMS (the default) or a call: each has its own resend interval and per-phone limits. */
  channel?: CodeChannel;
  /** The phone's region: the fraud guard watches an SMS send only when it is given. */
  region?: string;
  /** The request carried a captcha token the captcha check accepted. */
  captchaSolved?: boolean;
}

/** A reserved send: the code is stored and counted; release it if the message cannot go out. */
export interface Reservation {
  readonly channel: CodeChannel;
  readonly keys: string[];
  readonly codeHash: string;
  readonly messageId: string;
  /** The hour the fraud guard counted the send in (given back on release); unset if unwatched. */
  readonly fraudHour?: number;
}

/**
 * What a verify found: the channel that carried the code it decided on (undefined when the
 * phone had no code to look at), and the message that carried it or why it did not verify.
 */
export interface CodeVerification {
  channel?: CodeChannel;
  /** The message that carried the verified code ('' for codes stored before ids were kept). */
  messageId: string;
  /** Why it did not verify (CodeIsError, CodeHasExpired...); undefined when it verified. */
  refusal?: Error;
}

interface VoiceLimits {
  resendMs: number;
  phoneHourly: number;
  phoneDaily: number;
  service: number;
}

const HOUR_MS = 3_600_000;

// Expired codes are kept a while longer so that a late try is told "expired", not "wrong".
const EXPIRED_CODE_MEMORY_MS = 24 * 60 * 60 * 1000;

/** Codes, resend locks and daily counters in Redis; every check is one script call. */
@Injectable()
export class SmsCodeStore {
  private readonly logger = new Logger(SmsCodeStore.name);
  private readonly secret: Buffer;
  private readonly codeTtlMs: number;
  private readonly resendMs: number;
  private readonly maxAttempts: number;
  private readonly dailyWrongLimit: number;
  private readonly limits: { phone: number; ip: number; service: number };
  private readonly voice: VoiceLimits;
  /** The reserve and release steps on a Redis Cluster (REDIS_CLUSTER); unset on one Redis. */
  private readonly clusterSteps?: ClusterReservations;

  constructor(
    private readonly redis: RedisService,
    private readonly fraud: FraudGuard,
    config: AppConfigService,
  ) {
    const explicitSecret = config.get('SMS_CODE_SECRET');
    this.secret = explicitSecret
      ? Buffer.from(explicitSecret)
      : Buffer.from(hkdfSync('sha256', config.get('ADMIN_API_KEY'), '', 'sms-code-hmac', 32));
    this.codeTtlMs = config.get('SMS_CODE_TTL_MINUTES') * 60_000;
    this.resendMs = config.get('SMS_RESEND_INTERVAL_SECONDS') * 1000;
    this.maxAttempts = config.get('SMS_CODE_MAX_ATTEMPTS');
    this.dailyWrongLimit = config.get('SMS_CODE_DAILY_WRONG_LIMIT');
    this.limits = {
      phone: config.get('SMS_PHONE_DAILY_LIMIT'),
      ip: config.get('SMS_IP_DAILY_LIMIT'),
      service: config.get('SMS_DAILY_LIMIT'),
    };
    this.voice = {
      resendMs: config.get('SMS_VOICE_RESEND_INTERVAL_SECONDS') * 1000,
      phoneHourly: config.get('SMS_VOICE_PHONE_HOURLY_LIMIT'),
      phoneDaily: config.get('SMS_VOICE_PHONE_DAILY_LIMIT'),
      service: config.get('SMS_VOICE_DAILY_LIMIT'),
    };
    if (redis.cluster) this.clusterSteps = new ClusterReservations(redis);
  }

  get codeTtlSeconds(): number {
    return this.codeTtlMs / 1000;
  }

  /** Seconds until another code may go to the phone on this channel. */
  resendIntervalSeconds(channel: CodeChannel = 'sms'): number {
    return (channel === 'voice' ? this.voice.resendMs : this.resendMs) / 1000;
  }

  /**
   * Checks the channel's resend interval and limits and stores `code` for the phone and
   * purpose, replacing any earlier one (an SMS code and a call's share it: the newest wins).
   * Throws the limit that failed.
   */
  reserve(slot: SendSlot, code: string): Promise<Reservation> {
    return slot.channel === 'voice' ? this.reserveCall(slot, code) : this.reserveSms(slot, code);
  }

  private async reserveSms(slot: SendSlot, code: string): Promise<Reservation> {
    const now = Date.now();
    const day = utcDayKey(now);
    const send = {
      e164: slot.phone,
      region: slot.region ?? '',
      clientIp: slot.clientIp,
      captchaSolved: slot.captchaSolved ?? false,
    };
    const fraud: FraudPlan | undefined = slot.region ? this.fraud.plan(send) : undefined;
    const phoneTag = this.redis.slotTag(slot.phone);
    const keys = [
      this.redis.key('sms', 'resend', phoneTag),
      this.redis.key('sms', 'day', day, 'phone', phoneTag),
      this.redis.key('sms', 'day', day, 'ip', slot.clientIp),
      this.redis.key('sms', 'day', day, 'service'),
      this.codeKey(slot.purpose, slot.phone),
      ...(fraud?.keys ?? []),
    ];
    const codeHash = hashCode(this.secret, slot.purpose, slot.phone, code);
    const reservation: Reservation = {
      channel: 'sms',
      keys,
      codeHash,
      messageId: slot.messageId,
      fraudHour: fraud ? Math.floor(now / HOUR_MS) : undefined,
    };
    const reserved = this.clusterSteps
      ? await this.clusterSteps.reserveSms(
          keys,
          this.clusterSend(reservation, now, [this.limits.ip, this.limits.service]),
          { resendMs: this.resendMs, limit: this.limits.phone },
          fraud,
        )
      : await this.runReserveScript<ReserveAnswer>(reserveSendScript, reservation, [
          this.resendMs,
          this.limits.phone,
          this.limits.ip,
          this.limits.service,
          DAILY_COUNTER_TTL_MS,
          codeHash,
          now,
          now + this.codeTtlMs,
          this.codeTtlMs + EXPIRED_CODE_MEMORY_MS,
          slot.messageId,
          ...(fraud?.args ?? []),
        ]);
    if (fraud) this.fraud.settle(send, fraud, reserved);
    const [outcome, retryMs] = reserved;

    switch (outcome) {
      case 0:
        return reservation;
      case 1:
        throw new TooFrequentError(Math.max(1, Math.ceil(retryMs / 1000)));
      case 2:
        throw new DailyLimitExceededError(secondsUntilNextUtcDay(now));
      case 3:
        throw new IpLimitExceededError(secondsUntilNextUtcDay(now));
      default:
        throw new ServiceLimitExceededError(secondsUntilNextUtcDay(now));
    }
  }

  /** As `reserveSms`, with the voice limits (see reserveVoiceSendScript). */
  private async reserveCall(slot: SendSlot, code: string): Promise<Reservation> {
    const now = Date.now();
    const day = utcDayKey(now);
    const phoneTag = this.redis.slotTag(slot.phone);
    const keys = [
      this.redis.key('sms', 'voice', 'resend', phoneTag),
      this.redis.key('sms', 'resend', phoneTag),
      this.redis.key('sms', 'voice', 'calls', phoneTag),
      this.redis.key('sms', 'day', day, 'ip', slot.clientIp),
      this.redis.key('sms', 'day', day, 'voice-service'),
      this.codeKey(slot.purpose, slot.phone),
    ];
    const codeHash = hashCode(this.secret, slot.purpose, slot.phone, code);
    const reservation: Reservation = {
      channel: 'voice',
      keys,
      codeHash,
      messageId: slot.messageId,
    };
    const reserved = this.clusterSteps
      ? await this.clusterSteps.reserveCall(
          keys,
          this.clusterSend(reservation, now, [this.limits.ip, this.voice.service]),
          {
            resendMs: this.voice.resendMs,
            hourly: this.voice.phoneHourly,
            daily: this.voice.phoneDaily,
          },
        )
      : await this.runReserveScript<[number, number]>(reserveVoiceSendScript, reservation, [
          this.voice.resendMs,
          this.voice.phoneHourly,
          this.voice.phoneDaily,
          this.limits.ip,
          this.voice.service,
          DAILY_COUNTER_TTL_MS,
          codeHash,
          now,
          now + this.codeTtlMs,
          this.codeTtlMs + EXPIRED_CODE_MEMORY_MS,
          slot.messageId,
        ]);
    const [outcome, retryMs] = reserved;
    const retrySeconds = Math.max(1, Math.ceil(retryMs / 1000));
    switch (outcome) {
      case 0:
        return reservation;
      case 1:
        throw new TooFrequentError(retrySeconds);
      case 2:
        throw new DailyLimitExceededError(retrySeconds);
      case 5:
        throw new HourlyLimitExceededError(retrySeconds);
      case 3:
        throw new IpLimitExceededError(secondsUntilNextUtcDay(now));
      default:
        throw new ServiceLimitExceededError(secondsUntilNextUtcDay(now));
    }
  }

  /** A reserve in one script, on a single Redis: one round trip. */
  private async runReserveScript<T>(
    script: RedisScript,
    reservation: Reservation,
    args: Array<string | number>,
  ): Promise<T> {
    try {
      return (await script.run(this.redis.client, reservation.keys, args)) as T;
    } catch (error) {
      // The request answers 503 and sends nothing. A hung Redis still runs the reserve when it
      // resumes: left alone, it would hold the resend lock (the user's retry refused as too
      // frequent), spend one of the day's sends and replace the phone's live code, for a
      // message never sent. Not awaited: the answer must not wait on the hung Redis again.
      if (isRedisCommandTimeout(error)) this.cancelLateReservation(reservation);
      throw error;
    }
  }

  private clusterSend(
    reservation: Reservation,
    now: number,
    sharedLimits: ClusterSend['sharedLimits'],
  ): ClusterSend {
    return {
      codeHash: reservation.codeHash,
      messageId: reservation.messageId,
      now,
      expiresAt: now + this.codeTtlMs,
      codeKeyTtlMs: this.codeTtlMs + EXPIRED_CODE_MEMORY_MS,
      counterTtlMs: DAILY_COUNTER_TTL_MS,
      sharedLimits,
    };
  }

  private cancelLateReservation(reservation: Reservation): void {
    const { channel, keys, codeHash, messageId } = reservation;
    const fraudHour = reservation.fraudHour ?? '';
    const undo =
      channel === 'voice'
        ? releaseVoiceSendScript.run(this.redis.client, keys, [codeHash, messageId, 1])
        : cancelLateReservationScript.run(this.redis.client, keys, [
            codeHash,
            messageId,
            fraudHour,
          ]);
    undo.catch((error: unknown) =>
      // Redis is gone rather than hung, or still hung: if the reserve ran, its code is one
      // nobody received and the counters hold one send too many (the safe side).
      this.logger.warn(`A timed-out reservation could not be undone: ${String(error)}`),
    );
  }

  /** Takes back a reservation whose message did not go out. */
  async release(reservation: Reservation): Promise<void> {
    const { channel, keys, codeHash, messageId } = reservation;
    if (this.clusterSteps) {
      await (channel === 'voice'
        ? this.clusterSteps.releaseCall(keys, codeHash, messageId)
        : this.clusterSteps.releaseSms(keys, codeHash, reservation.fraudHour));
    } else if (channel === 'voice') {
      await releaseVoiceSendScript.run(this.redis.client, keys, [codeHash, messageId, 0]);
    } else {
      await releaseSendScript.run(this.redis.client, keys, [codeHash, reservation.fraudHour ?? '']);
    }
  }

  /**
   * Verifies and consumes the code in one round trip. With several purposes, a code of any of
   * them verifies (see verifyCodeScript for how wrong tries count). A code that does not
   * verify comes back with its refusal, for the caller to throw once it has counted it.
   * `clientHit`, the request's per-IP throttle hit, is counted first in the same round trip
   * (apart on a Cluster); past its limit it throws and nothing else is done.
   */
  verify(
    phone: string,
    purposes: readonly string[],
    code: string,
    clientHit?: PendingWindowHit,
  ): Promise<CodeVerification> {
    return this.runVerify(phone, purposes, code, true, clientHit);
  }

  /** Like `verify`, wrong tries counted, but a right code stays live; throws the refusal. */
  async check(phone: string, purposes: readonly string[], code: string): Promise<void> {
    const { refusal } = await this.runVerify(phone, purposes, code, false);
    if (refusal) throw refusal;
  }

  private async runVerify(
    phone: string,
    purposes: readonly string[],
    code: string,
    consume: boolean,
    clientHit?: PendingWindowHit,
  ): Promise<CodeVerification> {
    // On a cluster the watched keys are in other slots: the give-back follows the verify; and
    // so is the client's throttle key, counted first on its own.
    if (clientHit && this.clusterSteps) await countPendingHit(this.redis, clientHit);
    const hitHere = this.clusterSteps ? undefined : clientHit;
    const now = Date.now();
    const script = this.clusterSteps ? clusterVerifyCodeScript : verifyCodeScript;
    const [outcome, messageId, storedChannel, keys, hour, day, carried] = (await script.run(
      this.redis.client,
      [this.wrongGuessesKey(utcDayKey(now), phone), ...purposes.map((p) => this.codeKey(p, phone))],
      [
        now,
        this.maxAttempts,
        consume ? 1 : 0,
        this.dailyWrongLimit,
        DAILY_COUNTER_TTL_MS,
        ...purposes.map((purpose) => hashCode(this.secret, purpose, phone, code)),
      ],
      hitHere,
    )) as [number, string, string, string?, string?, string?, string?];
    if (outcome === 0 && keys && hour && day) {
      this.clusterSteps?.fraud.giveBack({ keys, hour, day, carried: carried ?? '0' });
    }
    const channel =
      storedChannel === 'voice' || storedChannel === 'sms' ? storedChannel : undefined;
    return { channel, messageId, refusal: refusalOf(outcome, now) };
  }

  // One verify touches several keys of one phone (its codes and its wrong-guess counter), and
  // a reserve the phone's lock, counters and code: on a Redis Cluster the phone's hash tag
  // puts them in one slot (slotTag; the names are unchanged on a single Redis).
  private codeKey(purpose: string, phone: string): string {
    return this.redis.key('sms', 'code', purpose, this.redis.slotTag(phone));
  }

  private wrongGuessesKey(day: string, phone: string): string {
    return this.redis.key('sms', 'day', day, 'wrong', this.redis.slotTag(phone));
  }
}

function refusalOf(outcome: number, now: number): Error | undefined {
  switch (outcome) {
    case 0:
      return undefined;
    case 2:
      return new CodeExpiredError();
    case 3:
      return new CodeUsedError();
    case 5:
      return new DailyGuessLimitExceededError(secondsUntilNextUtcDay(now));
    default:
      return new CodeWrongError();
  }
}
