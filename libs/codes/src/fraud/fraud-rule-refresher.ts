import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { AppConfigService } from '@app/config';
import { FraudRuleSet } from './fraud-rule-set';
import { FraudRulesRepository } from './fraud-rules.repository';

/** How often a process asks whether the admins' rules changed: the bound on applying a change. */
export const FRAUD_RULES_POLL_MS = 1000;

/**
 * Keeps this process's FraudRuleSet in step with the fraud_rules table, so N API processes
 * apply an admin's change as one within FRAUD_RULES_POLL_MS (plus a reload).
 *
 * Why a poll of a version row in PostgreSQL, on a timer: the send path stays as it was, matching
 * against rules already compiled in memory, with no Redis or database round trip of its own (not
 * even an amortised one: test/fraud/fraud-round-trips counts the send's commands). The version
 * is bumped in the rule change's own transaction, so it can never announce rules a reader
 * cannot see yet, and no message can be lost between the change and the announcement (a version
 * counter in Redis, or pub/sub, is a second write that can fail after the commit, and pub/sub
 * needs a subscriber connection per process plus a periodic reload anyway). The cost is one
 * primary-key read a second per process. The process that made a change reloads before it
 * answers, so its next send already sees it.
 *
 * The guard off, nothing is read (the rules are still kept and listed). The rules are loaded
 * before the app takes requests: a process that cannot read them does not start, rather than
 * send to destinations an admin denied. A failed poll keeps the rules it has and tries again.
 */
@Injectable()
export class FraudRuleRefresher implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(FraudRuleRefresher.name);
  private readonly enabled: boolean;
  private timer?: NodeJS.Timeout;
  private applied?: bigint;
  /** Reads run one after the other, so an older read never replaces a newer one. */
  private queue: Promise<unknown> = Promise.resolve();
  private polling = false;
  private failing = false;

  constructor(
    private readonly rules: FraudRuleSet,
    private readonly repository: FraudRulesRepository,
    config: AppConfigService,
  ) {
    this.enabled = config.get('SMS_FRAUD_GUARD') !== 'off';
  }

  async onModuleInit(): Promise<void> {
    if (!this.enabled) return;
    await this.inTurn(() => this.reload());
    this.timer = setInterval(() => void this.poll(), FRAUD_RULES_POLL_MS).unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.queue.catch(() => undefined);
  }

  /** Reloads now (after a change made by this process); resolves once applied. */
  async refresh(): Promise<void> {
    if (this.enabled) await this.inTurn(() => this.reload());
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      await this.inTurn(async () => {
        if ((await this.repository.version()) !== this.applied) await this.reload();
      });
      if (this.failing) this.logger.log('Fraud rules read again');
      this.failing = false;
    } catch (error) {
      if (!this.failing) this.logger.warn(`Fraud rules not reloaded, kept: ${String(error)}`);
      this.failing = true;
    } finally {
      this.polling = false;
    }
  }

  private inTurn(work: () => Promise<void>): Promise<void> {
    const turn = this.queue.catch(() => undefined).then(work);
    this.queue = turn;
    return turn;
  }

  /** The version first, then the rules: a change between the two is read again next poll. */
  private async reload(): Promise<void> {
    const version = await this.repository.version();
    const rules = await this.repository.list();
    this.rules.replaceAdminRules(rules);
    this.applied = version;
  }
}
