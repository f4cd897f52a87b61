import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { outcomeOf } from './metric-labels';

/** Seconds; from a cached answer (a few ms) to a provider's timeout. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Seconds a job runs: a record is written in ms, a notification may wait on providers. */
const JOB_BUCKETS = [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60];

/** The reachability of a dependency, as readiness checks it; answered at scrape time. */
export type DependencyCheck = () => Promise<Record<string, boolean>>;

/** Job counts of a queue by state, read at scrape time (undefined: not answered in time). */
export type QueueDepths = () => Promise<Array<{ queue: string; counts: Record<string, number> }>>;

/**
 * The service's Prometheus metrics, one registry per app (several test apps share a process).
 * Call sites are one line each; labels are closed sets (codes, providers, route patterns),
 * never a phone, an IP or a message id. See the README's "Metrics" for what each one means.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  private readonly httpRequests = this.counter('http_requests_total', 'HTTP requests answered', [
    'method',
    'route',
    'status',
  ]);
  private readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from a request to its answer, by route pattern',
    labelNames: ['method', 'route'],
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  private readonly codesRequested = this.counter(
    'smsauth_codes_requested_total',
    'Requests for a verification code',
    ['channel'],
  );
  private readonly codesSent = this.counter(
    'smsauth_codes_sent_total',
    'Verification codes a provider accepted (or a test number got)',
    ['channel'],
  );
  private readonly codesRefused = this.counter(
    'smsauth_codes_refused_total',
    'Requests for a code answered with an error, by its code (a limit, the captcha, SendFailed...)',
    ['channel', 'reason'],
  );
  private readonly codesVerified = this.counter(
    'smsauth_codes_verified_total',
    'Codes verified (and used)',
    ['channel'],
  );
  private readonly codesVerifyFailed = this.counter(
    'smsauth_codes_verify_failed_total',
    'Code verifications refused, by error code (CodeIsError, CodeHasExpired, TooManyAttempts...) and the channel of the code (none: no code)',
    ['channel', 'outcome'],
  );

  private readonly messages = this.counter(
    'smsauth_messages_total',
    'Messages by the provider that had them last and their final status (sent, failed, unknown, expired)',
    ['provider', 'status'],
  );
  private readonly receipts = this.counter(
    'smsauth_receipts_total',
    'Delivery receipts (SMS reports, call results) read from providers, by provider, channel and status (delivered, undelivered)',
    ['provider', 'channel', 'status'],
  );
  private readonly replies = this.counter(
    'smsauth_replies_total',
    'Replies (上行) read from providers, by provider and kind (opt_out, other, duplicate, unreadable)',
    ['provider', 'kind'],
  );
  private readonly suppressionsAdded = this.counter(
    'smsauth_suppressions_added_total',
    "Numbers added to a signature's opt-out list, by reason (reply, admin, import)",
    ['reason'],
  );
  private readonly suppressionsRemoved = this.counter(
    'smsauth_suppressions_removed_total',
    'Numbers an admin took off an opt-out list',
    [],
  );
  private readonly messagesSuppressed = this.counter(
    'smsauth_messages_suppressed_total',
    'Marketing messages not sent because the number opted out of the signature',
    [],
  );
  private readonly campaigns = this.counter(
    'smsauth_campaigns_total',
    'Campaigns by the state they moved to (created, started, completed, cancelled, failed)',
    ['state'],
  );
  private readonly campaignMessages = this.counter(
    'smsauth_campaign_messages_total',
    "Campaign recipients' sends by outcome (sent, failed, unknown, suppressed; retry: back to pending for another try)",
    ['outcome'],
  );
  private readonly campaignRecipientsUploaded = this.counter(
    'smsauth_campaign_recipients_uploaded_total',
    'Rows of recipient files by result (accepted, duplicate, suppressed, rejected)',
    ['result'],
  );
  private readonly providerDuration = new Histogram({
    name: 'smsauth_provider_request_duration_seconds',
    help: 'Provider calls, by provider and outcome (accepted, refused, unreached, unknown)',
    labelNames: ['provider', 'outcome'],
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly failovers = this.counter(
    'smsauth_provider_failovers_total',
    'A message moved on to the next provider after one failed or was skipped',
    ['from', 'to'],
  );

  private readonly jobDuration = new Histogram({
    name: 'smsauth_queue_job_duration_seconds',
    help: 'Time a worker of this process spent on a job, by queue, job name and outcome',
    labelNames: ['queue', 'job', 'outcome'],
    buckets: JOB_BUCKETS,
    registers: [this.registry],
  });
  private queueDepths?: QueueDepths;

  private readonly captchaIssued = this.counter(
    'smsauth_captcha_issued_total',
    'Captcha challenges drawn',
    ['provider'],
  );
  private readonly captchaSolved = this.counter(
    'smsauth_captcha_solved_total',
    'Captchas answered right (a validate token issued)',
    ['provider'],
  );
  private readonly captchaFailed = this.counter(
    'smsauth_captcha_failed_total',
    'Captchas answered wrong',
    ['provider'],
  );

  private readonly fraudDecisions = this.counter(
    'smsauth_fraud_decisions_total',
    'Fraud-guard decisions that were not a plain pass, by the key kind that tripped, the action (challenge, block, deny) and the outcome (refused, captcha_solved, recorded)',
    ['kind', 'action', 'outcome'],
  );
  private readonly fraudDecisionsDropped = this.counter(
    'smsauth_fraud_decisions_lost_total',
    'Fraud-guard decisions that could not be written to PostgreSQL (queue full, or every try failed)',
    [],
  );

  private readonly signUps = this.counter('smsauth_signups_total', 'Accounts created', ['method']);
  private readonly logIns = this.counter(
    'smsauth_logins_total',
    'Log-in attempts by method (password, sms) and outcome (success or the error code)',
    ['method', 'outcome'],
  );
  private readonly lockouts = this.counter(
    'smsauth_password_lockouts_total',
    "Password attempts refused because the phone's tries in the window are spent",
    [],
  );
  private dependencyCheck?: DependencyCheck;

  private readonly eventsRelayedTotal = this.counter(
    'smsauth_events_relayed_total',
    'Lifecycle events the relay moved from the outbox to webhook deliveries',
    [],
  );
  private readonly webhookAttempts = new Histogram({
    name: 'smsauth_webhook_attempt_duration_seconds',
    help: 'Webhook tries by outcome (succeeded: 2xx; gone: 410; failed: other status or no answer)',
    labelNames: ['outcome'],
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly webhookDeliveries = this.counter(
    'smsauth_webhook_deliveries_total',
    'Webhook deliveries settled, by event type and final status (succeeded, failed)',
    ['event', 'status'],
  );

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    const queueJobs: Gauge<'queue' | 'state'> = new Gauge({
      name: 'smsauth_queue_jobs',
      help: 'Jobs in each queue by state (waiting, active, delayed, failed), read at scrape time',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      collect: async () => {
        queueJobs.reset();
        for (const { queue, counts } of (await this.queueDepths?.()) ?? []) {
          for (const [state, count] of Object.entries(counts))
            queueJobs.set({ queue, state }, count);
        }
      },
    });
    const dependencyUp: Gauge<'dependency'> = new Gauge({
      name: 'smsauth_dependency_up',
      help: '1 when the dependency (database, redis) answers readiness in time, else 0',
      labelNames: ['dependency'],
      registers: [this.registry],
      collect: async () => {
        dependencyUp.reset();
        for (const [dependency, up] of Object.entries((await this.dependencyCheck?.()) ?? {})) {
          dependencyUp.set({ dependency }, up ? 1 : 0);
        }
      },
    });
  }

  /** Prometheus' text format of every metric. */
  scrape(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  httpRequest(method: string, route: string, status: number, seconds: number): void {
    this.httpRequests.inc({ method, route, status });
    this.httpDuration.observe({ method, route }, seconds);
  }

  /**
   * Counts a request for a code: requested, then sent, or refused under the code of the error
   * it throws (SendFailed when no provider took it).
   */
  async codeSend<T>(channel: string, send: () => Promise<T>): Promise<T> {
    this.codesRequested.inc({ channel });
    try {
      const sent = await send();
      this.codesSent.inc({ channel });
      return sent;
    } catch (error) {
      this.codesRefused.inc({ channel, reason: outcomeOf(error) });
      throw error;
    }
  }

  /** A fraud-guard decision; `kind` is a watched key kind, ip-countries or rule. */
  fraudDecision(kind: string, action: string, outcome: string): void {
    this.fraudDecisions.inc({ kind, action, outcome });
  }

  fraudDecisionsLost(count: number): void {
    this.fraudDecisionsDropped.inc(count);
  }

  /** Counts a code verified, under the channel that carried it. */
  codeVerified(channel: string): void {
    this.codesVerified.inc({ channel });
  }

  /**
   * Counts a verification refused, under the code of its error and the channel of the code
   * it was about (`none` when the phone had no code to compare).
   */
  codeVerifyFailed(channel: string, error: unknown): void {
    this.codesVerifyFailed.inc({ channel, outcome: outcomeOf(error) });
  }

  messageFinished(provider: string, status: string): void {
    this.messages.inc({ provider, status });
  }

  receiptRead(provider: string, channel: string, delivered: boolean): void {
    this.receipts.inc({ provider, channel, status: delivered ? 'delivered' : 'undelivered' });
  }

  replyRead(
    provider: string,
    kind: 'opt_out' | 'other' | 'duplicate' | 'unreadable',
    count = 1,
  ): void {
    if (count > 0) this.replies.inc({ provider, kind }, count);
  }

  suppressed(reason: 'reply' | 'admin' | 'import', count: number): void {
    if (count > 0) this.suppressionsAdded.inc({ reason }, count);
  }

  suppressionRemoved(): void {
    this.suppressionsRemoved.inc();
  }

  messageSuppressed(): void {
    this.messagesSuppressed.inc();
  }

  campaignMoved(state: 'created' | 'started' | 'completed' | 'cancelled' | 'failed'): void {
    this.campaigns.inc({ state });
  }

  /** Counts campaign sends by outcome: one entry per recipient settled. */
  campaignMessagesSettled(outcomes: Iterable<string>): void {
    const counts = new Map<string, number>();
    for (const outcome of outcomes) counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
    for (const [outcome, count] of counts) this.campaignMessages.inc({ outcome }, count);
  }

  recipientsUploaded(counts: {
    accepted: number;
    duplicate: number;
    suppressed: number;
    rejected: number;
  }): void {
    for (const [result, count] of Object.entries(counts)) {
      if (count > 0) this.campaignRecipientsUploaded.inc({ result }, count);
    }
  }

  providerCalled(provider: string, outcome: string, seconds: number): void {
    this.providerDuration.observe({ provider, outcome }, seconds);
  }

  failedOver(from: string, to: string): void {
    this.failovers.inc({ from, to });
  }

  jobFinished(queue: string, job: string, outcome: 'completed' | 'failed', seconds: number): void {
    this.jobDuration.observe({ queue, job, outcome }, seconds);
  }

  /** Where the queue depth gauge reads from at scrape time. */
  readQueueDepthsFrom(read: QueueDepths): void {
    this.queueDepths = read;
  }

  captchaDrawn(provider: string): void {
    this.captchaIssued.inc({ provider });
  }

  captchaAnswered(provider: string, right: boolean): void {
    (right ? this.captchaSolved : this.captchaFailed).inc({ provider });
  }

  signedUp(method: 'password' | 'sms'): void {
    this.signUps.inc({ method });
  }

  /** Counts a log-in's outcome: `success`, or the code of the error it throws. */
  async logIn<T>(method: 'password' | 'sms', attempt: () => Promise<T>): Promise<T> {
    try {
      const result = await attempt();
      this.logIns.inc({ method, outcome: 'success' });
      return result;
    } catch (error) {
      this.logIns.inc({ method, outcome: outcomeOf(error) });
      throw error;
    }
  }

  lockedOut(): void {
    this.lockouts.inc();
  }

  eventsRelayed(count: number): void {
    if (count > 0) this.eventsRelayedTotal.inc(count);
  }

  webhookAttempted(outcome: 'succeeded' | 'gone' | 'failed', seconds: number): void {
    this.webhookAttempts.observe({ outcome }, seconds);
  }

  webhookDelivered(event: string, status: 'succeeded' | 'failed'): void {
    this.webhookDeliveries.inc({ event, status });
  }

  /** Where the dependency gauge reads from at scrape time (readiness' own checks). */
  readDependenciesFrom(check: DependencyCheck): void {
    this.dependencyCheck = check;
  }

  private counter<L extends string>(name: string, help: string, labelNames: L[]): Counter<L> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }
}
