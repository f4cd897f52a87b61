import type { RequestOutcome } from './drive-day';
import { type CodeRequest, type Group, MINUTE_MS } from './traffic';

/** off: no defence (static limits raised too); static: the per-phone, per-IP and daily limits. */
export const MODES = ['off', 'static', 'record', 'enforce'] as const;
export type Mode = (typeof MODES)[number];

export interface GroupFigures {
  requests: number;
  /** 202: the code went out. */
  sent: number;
  /** 403 CaptchaRequired from the fraud guard. */
  challenged: number;
  /** 429 FraudSuspected. */
  blocked: number;
  /** Any other refusal (the static limits' 429s, ...), by error code. */
  refusedOther: Record<string, number>;
  /** In record mode: requests the guard would have challenged or blocked (recorded, sent). */
  recordedDecisions: number;
  /** Simulated minutes from the group's first request to its first refused (or recorded) one. */
  minutesToFirstBlock: number | null;
  verified?: number;
  /** The guard's decisions on this group's requests, by the kind of key that tripped. */
  decisionsByKey: Record<string, number>;
  /** For legitimate groups: each decision (what tripped, its unverified codes and budget). */
  decisions?: Array<{ minute: number; key: string; unverified: number; budget: number }>;
}

export interface ModeResult {
  mode: Mode;
  groups: Record<Group, GroupFigures>;
  attackSentShare: number;
  legitChallengedShare: number;
  legitRefused: number;
  spikeBlockedOrChallenged: number;
  targets?: Record<string, { target: string; value: number; met: boolean }>;
  messagesReceived: number;
  wallClockS: number;
}

/** A fraud_decisions row as the bench reads it. */
export interface RecordedDecision {
  phone: string;
  action: string;
  outcome: string;
  key_kind: string;
  key_value: string;
  unverified: number;
  budget: number;
  created_at: Date;
}

export function summarize(
  mode: Mode,
  day: CodeRequest[],
  outcomes: RequestOutcome[],
  decisions: RecordedDecision[],
  extra: { attackDay: number; messagesReceived: number; wallClockS: number },
): ModeResult {
  const groupOf = new Map(day.map((request) => [request.phone, request.group]));
  const firstMinute = new Map<Group, number>();
  for (const request of day) {
    if (!firstMinute.has(request.group)) firstMinute.set(request.group, request.minute);
  }
  const groups = {} as Record<Group, GroupFigures>;
  const figures = (group: Group): GroupFigures =>
    (groups[group] ??= {
      requests: 0,
      sent: 0,
      challenged: 0,
      blocked: 0,
      refusedOther: {},
      recordedDecisions: 0,
      minutesToFirstBlock: null,
      decisionsByKey: {},
    });
  for (const group of ['legit', 'spike', 'burst', 'drip'] as const) figures(group);
  const firstBlock = (group: Group, minute: number): void => {
    const entry = figures(group);
    const since = minute - (firstMinute.get(group) ?? 0);
    if (entry.minutesToFirstBlock === null || since < entry.minutesToFirstBlock) {
      entry.minutesToFirstBlock = Math.round(since * 10) / 10;
    }
  };
  for (const outcome of outcomes) {
    const entry = figures(outcome.request.group);
    entry.requests++;
    if (outcome.verified) entry.verified = (entry.verified ?? 0) + 1;
    if (outcome.status === 202) entry.sent++;
    else if (outcome.fraudGuard && outcome.error === 'CaptchaRequired') entry.challenged++;
    else if (outcome.error === 'FraudSuspected') entry.blocked++;
    else
      entry.refusedOther[outcome.error ?? '?'] =
        (entry.refusedOther[outcome.error ?? '?'] ?? 0) + 1;
    if (outcome.status !== 202) firstBlock(outcome.request.group, outcome.request.minute);
  }
  for (const decision of decisions) {
    const group = groupOf.get(decision.phone);
    if (!group) continue;
    const byKey = figures(group).decisionsByKey;
    byKey[decision.key_kind] = (byKey[decision.key_kind] ?? 0) + 1;
    if (group === 'legit' || group === 'spike') {
      (figures(group).decisions ??= []).push({
        minute: Math.round((decision.created_at.getTime() - extra.attackDay) / 6000) / 10,
        key: `${decision.key_kind} ${decision.key_value}`,
        unverified: decision.unverified,
        budget: decision.budget,
      });
    }
    if (decision.outcome !== 'recorded') continue;
    figures(group).recordedDecisions++;
    firstBlock(group, (decision.created_at.getTime() - extra.attackDay) / MINUTE_MS);
  }
  const attack = [groups.burst, groups.drip];
  const legit = [groups.legit, groups.spike];
  const sum = (list: GroupFigures[], pick: (g: GroupFigures) => number): number =>
    list.reduce((total, g) => total + pick(g), 0);
  const refusedOther = (g: GroupFigures): number =>
    Object.values(g.refusedOther).reduce((a, b) => a + b, 0);
  const share = (part: number, whole: number): number =>
    whole === 0 ? 0 : Math.round((10_000 * part) / whole) / 100;
  const legitRequests = sum(legit, (g) => g.requests);
  const result: ModeResult = {
    mode,
    groups,
    attackSentShare: share(
      sum(attack, (g) => g.sent),
      sum(attack, (g) => g.requests),
    ),
    legitChallengedShare: share(
      sum(legit, (g) => (mode === 'record' ? g.recordedDecisions : g.challenged)),
      legitRequests,
    ),
    legitRefused: sum(legit, (g) => g.blocked + refusedOther(g)),
    spikeBlockedOrChallenged: groups.spike.requests - groups.spike.sent,
    messagesReceived: extra.messagesReceived,
    wallClockS: extra.wallClockS,
  };
  if (mode === 'enforce') {
    result.targets = {
      attackSent: {
        target: '<= 2%',
        value: result.attackSentShare,
        met: result.attackSentShare <= 2,
      },
      legitChallenged: {
        target: '<= 0.5%',
        value: result.legitChallengedShare,
        met: result.legitChallengedShare <= 0.5,
      },
      legitRefused: { target: '0', value: result.legitRefused, met: result.legitRefused === 0 },
      spikeBlocked: {
        target: '0',
        value: result.spikeBlockedOrChallenged,
        met: result.spikeBlockedOrChallenged === 0,
      },
    };
  }
  return result;
}

export function formatTable(results: ModeResult[]): string {
  const header = [
    'mode',
    'burst sent',
    'drip sent',
    'attack sent %',
    'legit challenged %',
    'legit refused',
    'spike refused/chal.',
    'first block: burst, drip (sim min)',
  ];
  const rows = results.map((r) => [
    r.mode,
    `${r.groups.burst.sent}/${r.groups.burst.requests}`,
    `${r.groups.drip.sent}/${r.groups.drip.requests}`,
    String(r.attackSentShare),
    String(r.legitChallengedShare),
    String(r.legitRefused),
    String(r.spikeBlockedOrChallenged),
    `${r.groups.burst.minutesToFirstBlock ?? '-'}, ${r.groups.drip.minutesToFirstBlock ?? '-'}`,
  ]);
  return [header, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}
