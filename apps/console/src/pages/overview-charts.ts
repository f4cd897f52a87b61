import type { Schemas } from '../api/client';
import type { ChartOption } from '../components/EChart';

type StatsGroup = Schemas['StatsGroupDto'];

/** Every day of [from, to) as YYYY-MM-DD (UTC, as the stats group them), gaps filled with 0. */
export function daySeries(groups: StatsGroup[], from: Date, to: Date) {
  const byDay = new Map(groups.map((group) => [group.key ?? '', group]));
  const days: string[] = [];
  for (let day = startOfUtcDay(from); day < to; day = new Date(day.getTime() + 86_400_000)) {
    days.push(day.toISOString().slice(0, 10));
  }
  return {
    days,
    sent: days.map((day) => byDay.get(day)?.codesSent ?? 0),
    verified: days.map((day) => byDay.get(day)?.codesVerified ?? 0),
    conversion: days.map((day) => {
      const rate = byDay.get(day)?.conversionRate;
      return rate === null || rate === undefined ? null : Math.round(rate * 1000) / 10;
    }),
  };
}

function startOfUtcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

export function codesPerDayOption(
  series: ReturnType<typeof daySeries>,
  labels: { sent: string; verified: string; conversion: string },
): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { data: [labels.sent, labels.verified, labels.conversion] },
    grid: { left: 48, right: 48, bottom: 32 },
    xAxis: { type: 'category', data: series.days },
    yAxis: [
      { type: 'value', minInterval: 1 },
      { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value} %' } },
    ],
    series: [
      { name: labels.sent, type: 'bar', data: series.sent },
      { name: labels.verified, type: 'bar', data: series.verified },
      {
        name: labels.conversion,
        type: 'line',
        yAxisIndex: 1,
        data: series.conversion,
        connectNulls: true,
      },
    ],
  };
}

/** A doughnut of messages per group (status, channel, provider, region). */
export function shareOption(groups: StatsGroup[], emptyLabel: string): ChartOption {
  const data = groups
    .filter((group) => group.messages > 0)
    .map((group) => ({ name: group.key ?? emptyLabel, value: group.messages }));
  return {
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0, type: 'scroll' },
    series: [{ type: 'pie', radius: ['40%', '70%'], data, label: { formatter: '{b}: {c}' } }],
  };
}

type FraudKey = Schemas['FraudKeyOverviewDto'];

const STATE_COLOURS: Record<FraudKey['state'], string> = {
  ok: '#52c41a',
  watched: '#faad14',
  challenged: '#fa8c16',
  blocked: '#f5222d',
};

/** Unverified codes against each key's budget, coloured by the key's state. */
export function fraudOption(
  keys: FraudKey[],
  labels: { unverified: string; budget: string },
): ChartOption {
  const top = [...keys]
    .sort((a, b) => b.unverified / b.budget - a.unverified / a.budget)
    .slice(0, 10);
  return {
    tooltip: { trigger: 'axis' },
    legend: { data: [labels.unverified, labels.budget] },
    grid: { left: 64, right: 24, bottom: 32 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: top.map((key) => key.value) },
    series: [
      {
        name: labels.unverified,
        type: 'bar',
        data: top.map((key) => ({
          value: key.unverified,
          itemStyle: { color: STATE_COLOURS[key.state] },
        })),
      },
      {
        name: labels.budget,
        type: 'bar',
        data: top.map((key) => key.budget),
        itemStyle: { color: '#d9d9d9' },
      },
    ],
  };
}

type QueueCounts = Schemas['QueueCountsDto'];

export function queueOption(
  queues: QueueCounts[],
  labels: Record<'waiting' | 'prioritized' | 'active' | 'delayed' | 'failed', string>,
): ChartOption {
  const states = ['waiting', 'prioritized', 'active', 'delayed', 'failed'] as const;
  return {
    tooltip: { trigger: 'axis' },
    legend: { data: states.map((state) => labels[state]) },
    grid: { left: 48, right: 24, bottom: 32 },
    xAxis: { type: 'category', data: queues.map((queue) => queue.name) },
    yAxis: { type: 'value', minInterval: 1 },
    series: states.map((state) => ({
      name: labels[state],
      type: 'bar',
      stack: 'depth',
      data: queues.map((queue) => queue[state]),
    })),
  };
}
