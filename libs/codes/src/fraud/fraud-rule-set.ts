import { Injectable } from '@nestjs/common';
import { AppConfigService, type FraudRules } from '@app/config';
import type { FraudRuleKind } from '@app/prisma';
import { FraudRuleMatcher } from './fraud-rules';
import { asFraudRules, type FraudRuleValue } from './fraud-rule-value';

/** An admin's rule as the rule set takes it. */
export interface AdminFraudRule extends FraudRuleValue {
  readonly kind: FraudRuleKind;
}

/**
 * The allow and deny rules a send is matched against, compiled: the configuration's
 * (SMS_FRAUD_ALLOW / SMS_FRAUD_DENY, fixed for the process's life) merged with the admins'
 * rules, which FraudRuleRefresher replaces when they change. Replacing swaps both matchers at
 * once, so a send sees one version of the rules or the next, never half of each.
 */
@Injectable()
export class FraudRuleSet {
  readonly config: Readonly<Record<FraudRuleKind, FraudRules>>;
  private matchers: Readonly<Record<FraudRuleKind, FraudRuleMatcher>>;

  constructor(config: AppConfigService) {
    this.config = { allow: config.get('SMS_FRAUD_ALLOW'), deny: config.get('SMS_FRAUD_DENY') };
    this.matchers = this.compile([]);
  }

  get allow(): FraudRuleMatcher {
    return this.matchers.allow;
  }

  get deny(): FraudRuleMatcher {
    return this.matchers.deny;
  }

  /** Applies the admins' rules as they now are (all of them, not a change). */
  replaceAdminRules(rules: readonly AdminFraudRule[]): void {
    this.matchers = this.compile(rules);
  }

  private compile(rules: readonly AdminFraudRule[]): Record<FraudRuleKind, FraudRuleMatcher> {
    const of = (kind: FraudRuleKind): FraudRuleMatcher =>
      new FraudRuleMatcher(
        this.config[kind],
        asFraudRules(rules.filter((rule) => rule.kind === kind)),
      );
    return { allow: of('allow'), deny: of('deny') };
  }
}
