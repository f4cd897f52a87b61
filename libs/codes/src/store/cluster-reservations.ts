import { Logger } from '@nestjs/common';
import { isRedisCommandTimeout, type RedisScript, RedisService } from '@app/redis';
import {
  countUnderLimitScript,
  releasePhoneCallScript,
  releasePhoneSmsScript,
  reservePhoneCallScript,
  reservePhoneSmsScript,
  storeCodeScript,
  uncountScript,
} from './cluster-reserve.scripts';
import { ClusterFraudSteps } from '../fraud/cluster-fraud-steps';
import { FRAUD_REFUSED, type FraudPlan, type ReserveAnswer } from '../fraud/fraud-guard';

/** What every reservation step needs besides its keys. */
export interface ClusterSend {
  codeHash: string;
  messageId: string;
  now: number;
  expiresAt: number;
  codeKeyTtlMs: number;
  counterTtlMs: number;
  /** Limits of the shared counters, in the order of their keys. */
  sharedLimits: [ip: number, service: number];
}

/** { outcome, retry after ms } with the outcome codes of reserveSendScript / reserveVoiceSendScript. */
export type ReserveOutcome = [number, number];

/** Outcomes of a refusal by the per-IP counter and by the service's. */
const IP_REFUSED = 3;
const SERVICE_REFUSED = 4;

type Undo = () => Promise<unknown>;

/**
 * A reservation on a Redis Cluster, where the phone's keys, the per-IP counter and the
 * service's counter live in three hash slots and no one script may use them all. One script
 * per slot, in order: the phone's (resend lock and per-phone limits, checked and counted), then
 * each shared counter's check-and-count, then the code stored. A refusal by a later step takes
 * back what the earlier ones counted before it answers.
 *
 * Each limit keeps its guarantee: every count is checked against its limit in the one script
 * that increments it, so parallel sends never pass a counter beyond its limit. The price is on
 * the other side: while a refused send's counts are being taken back, a parallel send may see
 * them and be refused too (never let through).
 *
 * With the pumping defence on, its watched keys come next (ClusterFraudSteps), one step each.
 * The code is stored last, so that a refused send leaves the phone's earlier code live, as the
 * single-Redis script does. The keys are reserveSendScript's / reserveVoiceSendScript's.
 */
export class ClusterReservations {
  private readonly logger = new Logger(ClusterReservations.name);
  readonly fraud: ClusterFraudSteps;

  constructor(private readonly redis: RedisService) {
    this.fraud = new ClusterFraudSteps(redis);
  }

  /**
   * KEYS as reserveSendScript's first five: resend lock, phone-day, ip-day, service-day, code;
   * with `fraud`, the send is watched (its keys follow). Answers as reserveSendScript.
   */
  async reserveSms(
    keys: string[],
    send: ClusterSend,
    phone: { resendMs: number; limit: number },
    fraud?: FraudPlan,
  ): Promise<ReserveAnswer> {
    const [lock, phoneDay, ipDay, serviceDay, code] = keys;
    const undoPhone = (onlyIfRun: boolean): Promise<unknown> =>
      this.run(releasePhoneSmsScript, [lock, phoneDay, code], [send.codeHash, onlyIfRun ? 1 : 0]);
    return this.reserve(
      () =>
        this.run(
          reservePhoneSmsScript,
          [lock, phoneDay],
          [phone.resendMs, phone.limit, send.counterTtlMs, send.codeHash],
        ) as Promise<ReserveOutcome>,
      undoPhone,
      [ipDay, serviceDay],
      code,
      '',
      send,
      fraud,
    );
  }

  /** KEYS as reserveVoiceSendScript's: voice lock, SMS lock, calls, ip-day, voice service, code. */
  async reserveCall(
    keys: string[],
    send: ClusterSend,
    phone: { resendMs: number; hourly: number; daily: number },
  ): Promise<ReserveAnswer> {
    const [voiceLock, smsLock, calls, ipDay, serviceDay, code] = keys;
    const undoPhone = (onlyIfRun: boolean): Promise<unknown> =>
      this.run(
        releasePhoneCallScript,
        [voiceLock, calls, code],
        [send.codeHash, send.messageId, onlyIfRun ? 1 : 0],
      );
    return this.reserve(
      () =>
        this.run(
          reservePhoneCallScript,
          [voiceLock, smsLock, calls, code],
          [phone.resendMs, phone.hourly, phone.daily, send.codeHash, send.now, send.messageId],
        ) as Promise<ReserveOutcome>,
      undoPhone,
      [ipDay, serviceDay],
      code,
      'voice',
      send,
    );
  }

  /** Takes back an SMS reservation whose message did not go out (as releaseSendScript). */
  async releaseSms(keys: string[], codeHash: string, fraudHour?: number): Promise<void> {
    const [lock, phoneDay, ipDay, serviceDay, code, ...watched] = keys;
    await this.run(releasePhoneSmsScript, [lock, phoneDay, code], [codeHash, 0]);
    await Promise.all([
      ...[ipDay, serviceDay].map((key) => this.run(uncountScript, [key], [])),
      fraudHour !== undefined && watched.length > 0 ? this.fraud.uncount(watched, fraudHour) : 0,
    ]);
  }

  /** As releaseVoiceSendScript: the shared counters only when the call was still counted. */
  async releaseCall(keys: string[], codeHash: string, messageId: string): Promise<void> {
    const [voiceLock, , calls, ipDay, serviceDay, code] = keys;
    const counted = await this.run(
      releasePhoneCallScript,
      [voiceLock, calls, code],
      [codeHash, messageId, 0],
    );
    if (counted !== 1) return;
    await Promise.all([ipDay, serviceDay].map((key) => this.run(uncountScript, [key], [])));
  }

  private async reserve(
    reservePhone: () => Promise<ReserveOutcome>,
    undoPhone: (onlyIfRun: boolean) => Promise<unknown>,
    sharedCounters: [ip: string, service: string],
    code: string,
    channel: string,
    send: ClusterSend,
    fraud?: FraudPlan,
  ): Promise<ReserveAnswer> {
    let phoneOutcome: ReserveOutcome;
    try {
      phoneOutcome = await reservePhone();
    } catch (error) {
      // As SmsCodeStore.cancelLateReservation: a hung node still runs the step when it resumes.
      if (isRedisCommandTimeout(error)) this.undoLater([() => undoPhone(true)]);
      throw error;
    }
    if (phoneOutcome[0] !== 0) return phoneOutcome;

    const undo: Undo[] = [() => undoPhone(false)];
    try {
      const refusals = [IP_REFUSED, SERVICE_REFUSED];
      for (const [index, counter] of sharedCounters.entries()) {
        const counted = await this.run(
          countUnderLimitScript,
          [counter],
          [send.sharedLimits[index], send.counterTtlMs],
        );
        if (counted !== 1) {
          await this.undoNow(undo);
          return [refusals[index], 0];
        }
        undo.push(() => this.run(uncountScript, [counter], []));
      }
      const watched = fraud ? await this.fraud.checkAndCount(fraud, send.now, undo) : undefined;
      if (watched?.[0] === FRAUD_REFUSED) {
        await this.undoNow(undo);
        return watched;
      }
      await this.run(
        storeCodeScript,
        [code],
        [
          send.codeHash,
          send.now,
          send.expiresAt,
          send.codeKeyTtlMs,
          send.messageId,
          channel,
          ...(fraud ? this.fraud.codeMarks(fraud, send.now) : []),
        ],
      );
      if (fraud) this.fraud.index(fraud, send.now);
      return watched ?? [0, 0];
    } catch (error) {
      // The request answers 503 and sends nothing: what was counted is taken back. A counter
      // whose own step timed out may stay counted once (the safe side); the phone's undo runs
      // after a timed-out code store on the same node, so that code goes too.
      this.undoLater(undo);
      throw error;
    }
  }

  private async undoNow(undo: Undo[]): Promise<void> {
    try {
      await Promise.all(undo.map((step) => step()));
    } catch (error) {
      // The refusal stands; a count not taken back only refuses more (the safe side).
      this.logger.warn(`A refused send's counts could not all be taken back: ${String(error)}`);
    }
  }

  private undoLater(undo: Undo[]): void {
    void this.undoNow(undo);
  }

  private run(script: RedisScript, keys: string[], args: Array<string | number>): Promise<unknown> {
    return script.run(this.redis.client, keys, args);
  }
}
