import { Logger } from '@nestjs/common';
import { FRAUD_KEY_KINDS } from '@app/config';
import type { RedisScript, RedisService } from '@app/redis';
import {
  checkAndCountWatchedScript,
  giveBackVerifiedScript,
  indexWatchedScript,
  uncountWatchedScript,
} from './fraud-cluster.scripts';
import { FRAUD_REFUSED, type FraudPlan, type ReserveAnswer } from './fraud-guard';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** The IP's watched key is FRAUD_KEY_KINDS' 4th; its countries set shares its slot. */
const IP_STEP = FRAUD_KEY_KINDS.indexOf('ip');
/** reserveSendScript's "watched key" number for the IP's countries. */
const IP_COUNTRIES_WATCHED = FRAUD_KEY_KINDS.length + 1;
const WATCHED = FRAUD_KEY_KINDS.length;

type Undo = () => Promise<unknown>;
type StepAnswer = [number, number, number, number, number, number, number];

/**
 * The pumping defence on a Redis Cluster, where the watched keys of a send (country, range,
 * prefix, IP with its countries, network) live in five slots. One check-and-count per watched
 * key, in FRAUD_KEY_KINDS' order, after the phone's and the shared counters' steps: each key's
 * budget is checked in the script that counts it, so parallel senders never pass a key beyond
 * its budget. A refusal by a later key takes back what the earlier ones counted (the caller
 * runs the undo steps pushed here). Five round trips instead of none on a single Redis, where
 * the reserve script does it all.
 *
 * A FraudPlan is laid out for reserveSendScript (its KEYS[6-14] and ARGV[11-35]); the steps
 * read the same values by position.
 */
export class ClusterFraudSteps {
  private readonly logger = new Logger(ClusterFraudSteps.name);

  constructor(private readonly redis: RedisService) {}

  /**
   * Checks and counts the send in every watched key. Returns reserveSendScript's answer: outcome
   * 0 with the strongest decision seen (recorded, or passed by a solved captcha), or
   * FRAUD_REFUSED with the key that refused.
   */
  async checkAndCount(plan: FraudPlan, now: number, undo: Undo[]): Promise<ReserveAnswer> {
    const { keys, args } = plan;
    const [mode, challenge, solved, region, countriesLimit, ratio, attackFactor] = args;
    const hour = Math.floor(now / HOUR_MS);
    let strongest: ReserveAnswer = [0, 0, 0, 0, 0, 0];
    for (let step = 0; step < WATCHED; step += 1) {
      const isIp = step === IP_STEP;
      const stepKeys = isIp ? [keys[step], keys[WATCHED]] : [keys[step]];
      const [floorDay, floorHour, ceiling] = args.slice(10 + 3 * step, 13 + 3 * step);
      const [refused, retry, action, countries, unverified, budget, added] = (await this.run(
        checkAndCountWatchedScript,
        stepKeys,
        [
          now,
          floorDay,
          floorHour,
          ceiling,
          ratio,
          attackFactor,
          mode,
          challenge,
          solved,
          region,
          countriesLimit,
        ],
      )) as StepAnswer;
      const watched = countries === 1 ? IP_COUNTRIES_WATCHED : step + 1;
      if (refused === 1) return [FRAUD_REFUSED, retry, action, watched, unverified, budget];
      const addedRegion = added === 1 ? String(region) : '';
      undo.push(() => this.run(uncountWatchedScript, stepKeys, [hour, addedRegion]));
      if (action > (strongest[2] ?? 0)) strongest = [0, 0, action, watched, unverified, budget];
    }
    return strongest;
  }

  /** What the stored code keeps for the verify's give-back: storeCodeScript's ARGV[7-9]. */
  codeMarks(plan: FraudPlan, now: number): string[] {
    return [
      plan.keys.slice(0, WATCHED).join(' '),
      String(Math.floor(now / HOUR_MS)),
      String(Math.floor(now / DAY_MS)),
    ];
  }

  /** The overview's indexes, one slot each; not awaited: a send does not wait on the overview. */
  index(plan: FraudPlan, now: number): void {
    const indexes = plan.keys.slice(WATCHED + 1);
    const values = plan.args.slice(7, 7 + indexes.length);
    for (const [i, key] of indexes.entries()) {
      this.background(this.run(indexWatchedScript, [key], [now, values[i]]), 'indexed');
    }
  }

  /** Takes a send whose message did not go out back out of its watched keys (in its hour). */
  async uncount(watchedKeys: string[], hour: number): Promise<void> {
    await Promise.all(
      watchedKeys.slice(0, WATCHED).map((key) => this.run(uncountWatchedScript, [key], [hour, ''])),
    );
  }

  /**
   * A verified code's give-back, one call per watched key (five slots), in parallel and not
   * awaited: the verify answers without waiting on five more nodes. Lost on a failure, the
   * give-back only leaves the keys with more unverified codes (the safe side).
   */
  giveBack(marks: { keys: string; hour: string; day: string; carried: string }): void {
    const givenBack = 1 + Number(marks.carried || '0');
    for (const key of marks.keys.split(' ').filter(Boolean)) {
      this.background(
        this.run(giveBackVerifiedScript, [key], [marks.hour, marks.day, givenBack]),
        'given back',
      );
    }
  }

  private background(step: Promise<unknown>, what: string): void {
    step.catch((error: unknown) =>
      this.logger.warn(`A fraud guard key could not be ${what}: ${String(error)}`),
    );
  }

  private run(script: RedisScript, keys: string[], args: Array<string | number>): Promise<unknown> {
    return script.run(this.redis.client, keys, args);
  }
}
