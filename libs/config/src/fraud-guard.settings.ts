import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, Max, Min } from 'class-validator';
import { FraudRules, parseFraudCeilings, parseFraudRules } from './fraud-rules.parser';
import { IsParsed, parsedOr } from './setting-transforms';
import { SmsGatewaySettings } from './sms-gateway.settings';

export const FRAUD_GUARD_MODES = ['off', 'record', 'enforce'] as const;
export type FraudGuardMode = (typeof FRAUD_GUARD_MODES)[number];

/** What an over-budget send meets: a captcha to solve (the default), or a refusal. */
export const FRAUD_CHALLENGES = ['captcha', 'block'] as const;
export type FraudChallenge = (typeof FRAUD_CHALLENGES)[number];

/** The kinds of key the guard budgets (see libs/codes/src/fraud/fraud-keys.ts). */
export const FRAUD_KEY_KINDS = ['country', 'range', 'prefix', 'ip', 'network'] as const;
export type FraudKeyKind = (typeof FRAUD_KEY_KINDS)[number];
export type FraudCeilings = Partial<Record<FraudKeyKind, number>>;

const EMPTY_RULES: FraudRules = { networks: [], countries: [], prefixes: [] };
const lowerCase = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;

/** The SMS pumping defence (README "Fraud guard"). `Environment` extends this class. */
export abstract class FraudGuardSettings extends SmsGatewaySettings {
  /** `record` decides and records but lets every send through. */
  @Transform(lowerCase)
  @IsIn(FRAUD_GUARD_MODES, { message: 'SMS_FRAUD_GUARD must be one of: off, record, enforce' })
  SMS_FRAUD_GUARD: FraudGuardMode = 'enforce';

  @Transform(lowerCase)
  @IsIn(FRAUD_CHALLENGES, { message: 'SMS_FRAUD_CHALLENGE must be one of: captcha, block' })
  SMS_FRAUD_CHALLENGE: FraudChallenge = 'captcha';

  /** Sends that always pass: client networks, destination countries, prefixes, numbers. */
  @Transform(parsedOr(parseFraudRules))
  @IsParsed('SMS_FRAUD_ALLOW must list CIDRs, ISO countries or E.164 prefixes, comma-separated')
  SMS_FRAUD_ALLOW: FraudRules = EMPTY_RULES;

  /** Destinations never sent to: countries, E.164 prefixes (and client networks). */
  @Transform(parsedOr(parseFraudRules))
  @IsParsed('SMS_FRAUD_DENY must list CIDRs, ISO countries or E.164 prefixes, comma-separated')
  SMS_FRAUD_DENY: FraudRules = EMPTY_RULES;

  /** Upper bounds of a key's daily budget of unverified codes, per kind: `country=5000,ip=50`. */
  @Transform(parsedOr((text) => parseFraudCeilings(text, FRAUD_KEY_KINDS)))
  @IsParsed(
    `SMS_FRAUD_CEILINGS must look like country=5000,ip=50 (kinds: ${FRAUD_KEY_KINDS.join(', ')})`,
  )
  SMS_FRAUD_CEILINGS: FraudCeilings = {};

  /** Distinct destination countries one client IP may reach in 24 hours before a challenge. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(250)
  SMS_FRAUD_IP_COUNTRIES = 3;

  /** Decisions older than this are deleted by a periodic job (the table grows with attacks). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(36500)
  SMS_FRAUD_DECISION_RETENTION_DAYS = 90;
}
