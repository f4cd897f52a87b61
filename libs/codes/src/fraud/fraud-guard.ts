import { Injectable } from '@nestjs/common';
import { AppConfigService, FRAUD_KEY_KINDS, type FraudGuardMode } from '@app/config';
import { Metrics } from '@app/metrics';
import type { FraudAction, FraudOutcome } from '@app/prisma';
import { FRAUD_ATTACK_FACTOR, FRAUD_BUDGET_RATIO, budgetArguments } from './fraud-budgets';
import { FraudDecisionRecorder } from './fraud-decision.recorder';
import { FraudCaptchaRequiredError, FraudDeniedError, FraudSuspectedError } from './fraud.errors';
import { FraudKeys, INDEXED_KINDS, watchedValues, type WatchedValues } from './fraud-keys';
import { FraudRuleSet } from './fraud-rule-set';

/** A send as the guard sees it. */
export interface FraudSend {
  e164: string;
  region: string;
  clientIp: string;
  /** This request carried a captcha token that the captcha check accepted. */
  captchaSolved: boolean;
}

/** What the reserve script gets for a watched send: its KEYS[6-14] and ARGV[11-35]. */
export interface FraudPlan {
  readonly values: WatchedValues;
  readonly keys: string[];
  readonly args: Array<string | number>;
}

/** The reserve script's answer: outcome, retry ms, action, watched key, unverified, budget. */
export type ReserveAnswer = [number, number, number?, number?, number?, number?];

/** The reserve script's outcome for a send the guard refused. */
export const FRAUD_REFUSED = 6;
const ACTIONS: Record<number, FraudAction> = { 1: 'challenge', 2: 'block' };
const MODE_ARGUMENT: Record<Exclude<FraudGuardMode, 'off'>, number> = { record: 1, enforce: 2 };

/**
 * The pumping defence's rules around the reserve script, which does the counting: allow and
 * deny rules, the script's arguments, and what its verdict means for the request (an error,
 * a recorded decision, a metric).
 */
@Injectable()
export class FraudGuard {
  private readonly mode: FraudGuardMode;
  private readonly challengeByCaptcha: boolean;
  private readonly fixedArgs: Array<string | number>;
  private readonly budgetArgs: number[];

  constructor(
    private readonly keys: FraudKeys,
    private readonly recorder: FraudDecisionRecorder,
    private readonly metrics: Metrics,
    private readonly rules: FraudRuleSet,
    config: AppConfigService,
  ) {
    this.mode = config.get('SMS_FRAUD_GUARD');
    this.challengeByCaptcha = config.get('SMS_FRAUD_CHALLENGE') === 'captcha';
    this.fixedArgs = [
      config.get('SMS_FRAUD_IP_COUNTRIES'),
      FRAUD_BUDGET_RATIO,
      FRAUD_ATTACK_FACTOR,
    ];
    this.budgetArgs = budgetArguments(config.get('SMS_FRAUD_CEILINGS'));
  }

  /**
   * The script's part for this send, or undefined when it is not watched (the guard off, or
   * an allow rule). A deny rule refuses here (in `record` mode it is recorded and passes).
   * The rules (configuration's and admins') are matched in memory: no round trip.
   */
  plan(send: FraudSend): FraudPlan | undefined {
    if (this.mode === 'off' || this.rules.allow.match(send)) return undefined;
    const values = watchedValues(send.e164, send.region, send.clientIp);
    const denied = this.rules.deny.match(send);
    if (denied) {
      const outcome: FraudOutcome = this.mode === 'record' ? 'recorded' : 'refused';
      this.decide(
        send,
        values,
        { kind: 'rule', value: denied, unverified: 0, budget: 0 },
        'deny',
        outcome,
      );
      if (outcome === 'refused') throw new FraudDeniedError();
    }
    return {
      values,
      keys: [
        ...this.keys.allWatched(values),
        this.keys.ipCountries(send.clientIp),
        ...INDEXED_KINDS.map((kind) => this.keys.index(kind)),
      ],
      args: [
        MODE_ARGUMENT[this.mode],
        this.challengeByCaptcha ? 1 : 0,
        send.captchaSolved ? 1 : 0,
        send.region,
        ...this.fixedArgs,
        ...INDEXED_KINDS.map((kind) => values[kind]),
        ...this.budgetArgs,
      ],
    };
  }

  /** Records what the script decided and throws when it refused the send. */
  settle(send: FraudSend, plan: FraudPlan, answer: ReserveAnswer): void {
    const [outcome, retryMs, actionNumber = 0, watched = 0, unverified = 0, budget = 0] = answer;
    const action = ACTIONS[actionNumber];
    if (!action || (outcome !== 0 && outcome !== FRAUD_REFUSED)) return;
    const kind = watched <= FRAUD_KEY_KINDS.length ? FRAUD_KEY_KINDS[watched - 1] : 'ip-countries';
    const value = kind === 'ip-countries' ? send.clientIp : plan.values[kind];
    const decided: FraudOutcome =
      outcome === FRAUD_REFUSED
        ? 'refused'
        : this.mode === 'record'
          ? 'recorded'
          : 'captcha_solved';
    this.decide(send, plan.values, { kind, value, unverified, budget }, action, decided);
    if (decided !== 'refused') return;
    if (action === 'challenge') throw new FraudCaptchaRequiredError();
    throw new FraudSuspectedError(Math.max(1, Math.ceil(retryMs / 1000)));
  }

  private decide(
    send: FraudSend,
    values: WatchedValues,
    tripped: { kind: string; value: string; unverified: number; budget: number },
    action: FraudAction,
    outcome: FraudOutcome,
  ): void {
    this.metrics.fraudDecision(tripped.kind, action, outcome);
    this.recorder.record({
      createdAt: new Date(),
      phone: send.e164,
      country: send.region,
      prefix: values.prefix,
      clientIp: send.clientIp,
      keyKind: tripped.kind,
      keyValue: tripped.value,
      unverified: tripped.unverified,
      budget: tripped.budget,
      action,
      outcome,
    });
  }
}
