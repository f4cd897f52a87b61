import { Injectable } from '@nestjs/common';
import { InvalidParamError } from '@app/common';
import type { StatsCountsDto, StatsDto } from './dto/stats.dto';
import { SmsMessageRecorder } from '../records/sms-message.recorder';
import { SmsStatsRepository, StatsDimension, StatsRow } from './sms-stats.repository';

const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_RANGE_MS = 30 * DAY_MS;
const MAX_RANGE_MS = 366 * DAY_MS;

/** Counts, segments and the verification conversion rate over a time range. */
@Injectable()
export class SmsStatsService {
  constructor(
    private readonly stats: SmsStatsRepository,
    private readonly recorder: SmsMessageRecorder,
  ) {}

  async report(query: { from?: string; to?: string; groupBy: StatsDimension }): Promise<StatsDto> {
    const to = query.to === undefined ? new Date() : new Date(query.to);
    const from =
      query.from === undefined ? new Date(to.getTime() - DEFAULT_RANGE_MS) : new Date(query.from);
    if (from >= to || to.getTime() - from.getTime() > MAX_RANGE_MS) {
      throw new InvalidParamError('Invalid parameters: from, to', [
        { field: 'from', message: '`from` must be before `to`, at most 366 days apart' },
      ]);
    }
    await this.recorder.flushed();
    const rows = await this.stats.aggregate(from, to, query.groupBy);
    return {
      from,
      to,
      groupBy: query.groupBy,
      totals: withRate(rows.reduce(addRow, emptyCounts())),
      groups: rows.map((row) => ({ ...withRate(row), key: row.key })),
    };
  }
}

type Counts = Omit<StatsRow, 'key'>;

function emptyCounts(): Counts {
  return {
    messages: 0,
    sent: 0,
    delivered: 0,
    undelivered: 0,
    unknown: 0,
    failed: 0,
    segments: 0,
    codesSent: 0,
    codesVerified: 0,
    optOuts: 0,
  };
}

function addRow(total: Counts, row: StatsRow): Counts {
  return {
    messages: total.messages + row.messages,
    sent: total.sent + row.sent,
    delivered: total.delivered + row.delivered,
    undelivered: total.undelivered + row.undelivered,
    unknown: total.unknown + row.unknown,
    failed: total.failed + row.failed,
    segments: total.segments + row.segments,
    codesSent: total.codesSent + row.codesSent,
    codesVerified: total.codesVerified + row.codesVerified,
    optOuts: total.optOuts + row.optOuts,
  };
}

function withRate(counts: Counts): StatsCountsDto {
  const { codesSent, codesVerified, delivered, undelivered, messages, optOuts } = counts;
  const taken = counts.sent + delivered + undelivered;
  return {
    ...counts,
    conversionRate: ratio(codesVerified, codesSent),
    deliveryRate: ratio(delivered, taken),
    optOutRate: ratio(optOuts, messages),
  };
}

/** part / whole with 4 decimals; null for nothing to divide. */
function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10000) / 10000;
}
