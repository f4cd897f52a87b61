import { Injectable } from '@nestjs/common';
import { AppConfigService, FRAUD_KEY_KINDS, type FraudKeyKind } from '@app/config';
import { RedisService } from '@app/redis';
import { FRAUD_ATTACK_FACTOR, FRAUD_BUDGET_RATIO, budgetArguments } from './fraud-budgets';
import { fraudClearScript, fraudOverviewScript } from './fraud-admin.scripts';
import { FraudDecisionRecorder } from './fraud-decision.recorder';
import { FraudDecisionsRepository } from './fraud-decisions.repository';
import { FraudKeys, INDEXED_KINDS } from './fraud-keys';
import type {
  FraudClearDto,
  FraudClearedDto,
  FraudDecisionsDto,
  FraudDecisionsQueryDto,
  FraudKeyOverviewDto,
  FraudOverviewDto,
  FraudState,
} from './dto/fraud-admin.dto';

const DAY_MS = 86_400_000;
/** Keys of each kind the overview lists: the busiest of the last 24 hours. */
const OVERVIEW_KEYS = 200;
/** fraudOverviewScript's row of a key: sent, verified, unverified, budget, verdict. */
type FigureRow = [number, number, number, number, number];

/** The admin's view of the guard: its decisions, its keys' state, and clearing a block. */
@Injectable()
export class FraudAdminService {
  private readonly budgetArgs: number[];
  private readonly challengeByCaptcha: boolean;

  constructor(
    private readonly redis: RedisService,
    private readonly keys: FraudKeys,
    private readonly decisions: FraudDecisionsRepository,
    private readonly recorder: FraudDecisionRecorder,
    config: AppConfigService,
  ) {
    this.budgetArgs = budgetArguments(config.get('SMS_FRAUD_CEILINGS'));
    this.challengeByCaptcha = config.get('SMS_FRAUD_CHALLENGE') === 'captcha';
  }

  async listDecisions(query: FraudDecisionsQueryDto): Promise<FraudDecisionsDto> {
    await this.recorder.flushed();
    const rows = await this.decisions.list(
      {
        phone: query.phone,
        country: query.country,
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
      },
      query.limit + 1,
      query.before ? BigInt(query.before) : undefined,
    );
    const page = rows.slice(0, query.limit);
    return {
      items: page.map((row) => ({
        ...row,
        id: row.id.toString(),
        createdAt: row.createdAt.toISOString(),
      })),
      next: rows.length > query.limit ? page[page.length - 1].id.toString() : null,
    };
  }

  async overview(): Promise<FraudOverviewDto> {
    const [countries, ranges, prefixes] = await Promise.all(
      INDEXED_KINDS.map((kind) => this.overviewOf(kind)),
    );
    return { countries, ranges, prefixes };
  }

  async clear(dto: FraudClearDto): Promise<FraudClearedDto> {
    const cleared = await fraudClearScript.run(
      this.redis.client,
      [this.keys.watched(dto.kind, dto.value)],
      [Date.now()],
    );
    return { cleared: Number(cleared) };
  }

  /**
   * A key's figures and state, as the overview shows them (the audit's view of clearing it).
   * Read from the unvalidated body of a clear: null unless it names a key as FraudClearDto does.
   */
  async keyStateOf(body: unknown): Promise<(FraudKeyOverviewDto & { kind: FraudKeyKind }) | null> {
    const { kind, value } = (body ?? {}) as { kind?: unknown; value?: unknown };
    const known = FRAUD_KEY_KINDS.find((candidate) => candidate === kind);
    if (known === undefined || typeof value !== 'string' || value.length > 64) return null;
    const [state] = await this.figuresOfValues(known, [value], Date.now());
    return { kind: known, ...state };
  }

  private async overviewOf(kind: FraudKeyKind): Promise<FraudKeyOverviewDto[]> {
    const now = Date.now();
    const values = await this.redis.client.zrevrangebyscore(
      this.keys.index(kind as (typeof INDEXED_KINDS)[number]),
      '+inf',
      now - DAY_MS,
      'LIMIT',
      0,
      OVERVIEW_KEYS,
    );
    if (values.length === 0) return [];
    return (await this.figuresOfValues(kind, values, now)).sort((a, b) => b.sent - a.sent);
  }

  private async figuresOfValues(
    kind: FraudKeyKind,
    values: string[],
    now: number,
  ): Promise<FraudKeyOverviewDto[]> {
    const at = FRAUD_KEY_KINDS.indexOf(kind) * 3;
    const budget = this.budgetArgs.slice(at, at + 3);
    const rows = await this.figuresOf(
      values.map((value) => this.keys.watched(kind, value)),
      now,
      budget,
    );
    return values.map((value, i) => {
      const [sent, verified, unverified, dayBudget, verdict] = rows[i];
      return {
        value,
        sent,
        verified,
        conversion: sent > 0 ? Math.round((verified / sent) * 10_000) / 10_000 : null,
        unverified,
        budget: dayBudget,
        state: this.stateOf(verdict, unverified, dayBudget),
      };
    });
  }

  /**
   * One script for every key on a single Redis; on a Redis Cluster each watched key is its own
   * slot: one call per key, in parallel.
   */
  private async figuresOf(keys: string[], now: number, budget: number[]): Promise<FigureRow[]> {
    const run = async (batch: string[]): Promise<FigureRow[]> =>
      (await fraudOverviewScript.run(this.redis.client, batch, [
        now,
        FRAUD_BUDGET_RATIO,
        FRAUD_ATTACK_FACTOR,
        ...batch.flatMap(() => budget),
      ])) as FigureRow[];
    if (!this.redis.cluster) return run(keys);
    return (await Promise.all(keys.map((key) => run([key])))).flat();
  }

  private stateOf(verdict: number, unverified: number, budget: number): FraudState {
    if (verdict === 2 || (verdict === 1 && !this.challengeByCaptcha)) return 'blocked';
    if (verdict === 1) return 'challenged';
    return unverified * 2 >= budget ? 'watched' : 'ok';
  }
}
