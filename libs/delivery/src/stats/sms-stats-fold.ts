import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/prisma';
import { PeriodicJob, PeriodicJobEvery, PeriodicJobHandler, PeriodicJobSummary } from '@app/queue';

/** Changes folded per transaction: a few seconds of work, short row locks on the rollup. */
const CHANGES_PER_FOLD = 50_000;
/** Folds per run at most: a backlog left is folded by the next run. */
const MAX_FOLDS_PER_RUN = 100;

/**
 * Moves the changes the triggers of sms_messages appended (sms_message_stats_changes) into the
 * hourly, daily and monthly rollups the stats read. The stats are exact with or without it (they
 * read the pending changes too); folding keeps what they read small. Safe in every process at
 * once: one folds, the others' calls return 0 (an advisory lock), and a fold is one transaction.
 */
@Injectable()
@PeriodicJob('fold-sms-stats')
@PeriodicJobEvery((config) => config.get('SMS_STATS_FOLD_INTERVAL_SECONDS'))
export class SmsStatsFold implements PeriodicJobHandler {
  constructor(private readonly prisma: PrismaService) {}

  async run(): Promise<PeriodicJobSummary> {
    let folded = 0;
    for (let fold = 0; fold < MAX_FOLDS_PER_RUN; fold++) {
      const moved = await this.foldOnce(CHANGES_PER_FOLD);
      folded += moved;
      if (moved < CHANGES_PER_FOLD) break;
    }
    return { folded };
  }

  /** One fold of up to `limit` changes; answers how many it moved. */
  async foldOnce(limit: number): Promise<number> {
    const rows = await this.prisma.$queryRaw<Array<{ moved: number }>>`
      SELECT "sms_message_daily_fold"(${limit}::int) AS moved`;
    return rows[0]?.moved ?? 0;
  }
}
