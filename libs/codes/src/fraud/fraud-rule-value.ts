import { isValidPhoneNumber } from 'libphonenumber-js';
import { type FraudRules, parseFraudRuleEntry } from '@app/config';
import type { FraudRuleMatch } from '@app/prisma';

/** A rule's value as the guard matches it, and what it matches. */
export interface FraudRuleValue {
  readonly match: FraudRuleMatch;
  readonly value: string;
}

/**
 * Reads an admin's rule with the parser of SMS_FRAUD_ALLOW / SMS_FRAUD_DENY, so both sources
 * accept the same values. A prefix that is a whole valid number is shown as a `number` (a
 * test number): the guard matches both the same way. Undefined when the parser refuses it.
 */
export function readFraudRuleValue(text: string): FraudRuleValue | undefined {
  const entry = parseFraudRuleEntry(text);
  if (!entry) return undefined;
  if (entry.match === 'prefix' && isValidPhoneNumber(entry.value)) {
    return { match: 'number', value: entry.value };
  }
  return { match: entry.match, value: entry.value };
}

/** The entries of SMS_FRAUD_ALLOW or SMS_FRAUD_DENY, in the form an admin's rule is shown. */
export function configRuleValues(rules: FraudRules): FraudRuleValue[] {
  return [
    ...rules.countries.map((value) => ({ match: 'country' as const, value })),
    ...rules.prefixes.map((value) => readFraudRuleValue(value)!),
    ...rules.networks.map((network) => ({
      match: 'cidr' as const,
      value: `${network.address}/${network.prefix}`,
    })),
  ];
}

/** Admin rules of one kind, as the matcher takes them (the parser's form again). */
export function asFraudRules(values: readonly FraudRuleValue[]): FraudRules {
  const rules = { networks: [], countries: [], prefixes: [] } as {
    networks: Array<FraudRules['networks'][number]>;
    countries: string[];
    prefixes: string[];
  };
  for (const { value } of values) {
    const entry = parseFraudRuleEntry(value);
    if (!entry) continue; // stored by readFraudRuleValue: always parses
    if (entry.match === 'country') rules.countries.push(entry.value);
    else if (entry.match === 'prefix') rules.prefixes.push(entry.value);
    else rules.networks.push(entry.network);
  }
  return rules;
}
