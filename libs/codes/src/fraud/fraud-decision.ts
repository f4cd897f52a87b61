import type { FraudAction, FraudOutcome } from '@app/prisma';

/** A decision of the fraud guard that was not a plain pass. */
export interface FraudDecisionRow {
  createdAt: Date;
  phone: string;
  country: string;
  prefix: string;
  clientIp: string;
  /** A watched key's kind, `ip-countries`, or `rule` (SMS_FRAUD_DENY). */
  keyKind: string;
  keyValue: string;
  unverified: number;
  budget: number;
  action: FraudAction;
  outcome: FraudOutcome;
}
