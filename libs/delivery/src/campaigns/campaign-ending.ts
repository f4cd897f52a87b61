import { Injectable } from '@nestjs/common';
import { LifecycleEvents } from '@app/events';
import { Metrics } from '@app/metrics';
import { Prisma, PrismaService, SmsCampaign, SmsCampaignStatus } from '@app/prisma';

export type FinalState = 'completed' | 'cancelled' | 'failed';

/**
 * Moves a campaign to its final state, cancels what no provider has yet, and emits
 * `campaign.completed` with the recipients' counts, all in one PostgreSQL transaction: the
 * conditional update lets one caller win (the runner's completion and an admin's cancel race),
 * so the event is written once, and never for a change that rolled back.
 */
@Injectable()
export class CampaignEnding {
  constructor(
    private readonly prisma: PrismaService,
    private readonly events: LifecycleEvents,
    private readonly metrics: Metrics,
  ) {}

  /** Answers the ended campaign, or undefined when it was in none of `from`. */
  async end(
    id: string,
    from: readonly SmsCampaignStatus[],
    to: FinalState,
    data: { finishedAt: Date; failureReason?: string },
  ): Promise<SmsCampaign | undefined> {
    const ended = await this.prisma.$transaction(async (tx) => {
      const { count } = await tx.smsCampaign.updateMany({
        where: { id, status: { in: [...from] } },
        data: { ...data, status: to },
      });
      if (count === 0) return undefined;
      if (to !== 'completed') {
        await tx.smsCampaignRecipient.updateMany({
          where: { campaignId: id, status: 'pending' },
          data: { status: 'cancelled' },
        });
      }
      const campaign = await tx.smsCampaign.findUniqueOrThrow({ where: { id } });
      await this.events.emit(tx, 'campaign.completed', {
        campaignId: id,
        name: campaign.name,
        kind: campaign.kind,
        outcome: to,
        failureReason: campaign.failureReason,
        finishedAt: data.finishedAt.toISOString(),
        ...(await recipientCounts(tx, id)),
        suppressedAtUpload: campaign.suppressedCount,
      });
      return campaign;
    });
    // Counted once committed: the conditional update let one caller end it.
    if (ended !== undefined) this.metrics.campaignMoved(to);
    return ended;
  }
}

async function recipientCounts(tx: Prisma.TransactionClient, campaignId: string) {
  const groups = await tx.smsCampaignRecipient.groupBy({
    by: ['status'],
    where: { campaignId },
    _count: true,
  });
  const of = (status: string) => groups.find((group) => group.status === status)?._count ?? 0;
  return {
    recipients: groups.reduce((n, group) => n + group._count, 0),
    sent: of('sent'),
    failed: of('failed'),
    unknown: of('unknown'),
    suppressed: of('suppressed'),
    cancelled: of('cancelled'),
    inFlight: of('sending'),
  };
}
