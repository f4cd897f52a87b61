import type { FraudCeilings, FraudKeyKind } from '@app/config';
import { FRAUD_KEY_KINDS } from '@app/config';

/** Unverified codes any key may have before its history counts (a quiet key is not blocked). */
export const FRAUD_FLOORS: Readonly<Record<FraudKeyKind, { day: number; hour: number }>> = {
  country: { day: 100, hour: 30 },
  range: { day: 10, hour: 5 },
  prefix: { day: 5, hour: 3 },
  ip: { day: 10, hour: 5 },
  network: { day: 30, hour: 15 },
};

/** A key's budget is this share of its verified history (Authgear's 0.3). */
export const FRAUD_BUDGET_RATIO = 0.3;

/** Past this many times its day's budget, a never-verified key is blocked, captcha or not. */
export const FRAUD_ATTACK_FACTOR = 3;

/** Without an operator ceiling, a budget is not capped. */
const NO_CEILING = 1_000_000_000;

/** The reserve script's ARGV[21-35]: per kind, floor per day, floor per hour, ceiling. */
export function budgetArguments(ceilings: FraudCeilings): number[] {
  return FRAUD_KEY_KINDS.flatMap((kind) => [
    FRAUD_FLOORS[kind].day,
    FRAUD_FLOORS[kind].hour,
    ceilings[kind] ?? NO_CEILING,
  ]);
}
